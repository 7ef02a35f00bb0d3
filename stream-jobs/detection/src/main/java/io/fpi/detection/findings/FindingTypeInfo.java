package io.fpi.detection.findings;

import io.fpi.schemas.Finding;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Type information for {@link Finding} backed by {@link FindingSerializer}. Give it explicitly
 * wherever a stream, side output or union carries findings ({@code process(fn, FindingTypeInfo.INSTANCE)},
 * {@code new OutputTag<>(name, FindingTypeInfo.INSTANCE)}); Flink's own extraction would ask for
 * flink-avro or fall back to Kryo.
 */
public final class FindingTypeInfo extends TypeInformation<Finding> {
    private static final long serialVersionUID = 1L;

    public static final FindingTypeInfo INSTANCE = new FindingTypeInfo();

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
    public Class<Finding> getTypeClass() {
        return Finding.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<Finding> createSerializer(SerializerConfig config) {
        return new FindingSerializer();
    }

    @Override
    public String toString() {
        return "Finding(Avro single-object)";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof FindingTypeInfo;
    }

    @Override
    public int hashCode() {
        return FindingTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof FindingTypeInfo;
    }
}
