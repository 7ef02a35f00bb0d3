package io.fpi.jobs.common;

import io.fpi.schemas.FulfillmentEvent;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information for {@link FulfillmentEvent}, backed by {@link FulfillmentEventSerializer}. */
public final class FulfillmentEventTypeInfo extends AvroRecordTypeInfo<FulfillmentEvent> {
    private static final long serialVersionUID = 1L;

    public static final FulfillmentEventTypeInfo INSTANCE = new FulfillmentEventTypeInfo();

    private FulfillmentEventTypeInfo() {
        super(FulfillmentEvent.class);
    }

    @Override
    protected TypeSerializer<FulfillmentEvent> newSerializer() {
        return new FulfillmentEventSerializer();
    }
}
