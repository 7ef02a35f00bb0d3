package io.fpi.jobs.common;

import io.fpi.schemas.FulfillmentEvent;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Type information for {@link FulfillmentEvent} backed by {@link FulfillmentEventSerializer}.
 * Give it explicitly wherever a stream or side output carries events; Flink's own extraction would
 * ask for flink-avro.
 */
public final class FulfillmentEventTypeInfo extends TypeInformation<FulfillmentEvent> {
    private static final long serialVersionUID = 1L;

    public static final FulfillmentEventTypeInfo INSTANCE = new FulfillmentEventTypeInfo();

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<FulfillmentEvent> getTypeClass() {
        return FulfillmentEvent.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<FulfillmentEvent> createSerializer(SerializerConfig config) {
        return new FulfillmentEventSerializer();
    }

    @Override
    public String toString() {
        return "FulfillmentEvent(Avro single-object)";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof FulfillmentEventTypeInfo;
    }

    @Override
    public int hashCode() {
        return FulfillmentEventTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof FulfillmentEventTypeInfo;
    }
}
