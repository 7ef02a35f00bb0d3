package io.fpi.detection.sla;

import io.fpi.schemas.Finding;
import io.fpi.schemas.FindingCodec;
import java.io.IOException;
import org.apache.avro.specific.SpecificData;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink type information for streams of {@link Finding} (Avro single-object encoding with a length
 * prefix), so that neither flink-avro nor Kryo is needed. Interim: the exception-pattern work adds
 * the shared {@code io.fpi.detection.findings.FindingTypeInfo}; this one goes away when they merge.
 */
public final class SlaFindingTypeInfo extends TypeInformation<Finding> {
    private static final long serialVersionUID = 1L;

    public static final SlaFindingTypeInfo INSTANCE = new SlaFindingTypeInfo();

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
        return new Serializer();
    }

    @Override
    public String toString() {
        return "Finding(Avro single-object)";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof SlaFindingTypeInfo;
    }

    @Override
    public int hashCode() {
        return SlaFindingTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof SlaFindingTypeInfo;
    }

    /** Length-prefixed {@link FindingCodec} bytes; the codec is not thread-safe, so {@link #duplicate()} makes a new one. */
    public static final class Serializer extends TypeSerializer<Finding> {
        private static final long serialVersionUID = 1L;
        private transient FindingCodec codec;

        private FindingCodec codec() {
            if (codec == null) {
                codec = new FindingCodec();
            }
            return codec;
        }

        @Override
        public boolean isImmutableType() {
            return false;
        }

        @Override
        public TypeSerializer<Finding> duplicate() {
            return new Serializer();
        }

        @Override
        public Finding createInstance() {
            return new Finding();
        }

        @Override
        public Finding copy(Finding from) {
            return SpecificData.getForClass(Finding.class).deepCopy(Finding.getClassSchema(), from);
        }

        @Override
        public Finding copy(Finding from, Finding reuse) {
            return copy(from);
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(Finding record, DataOutputView target) throws IOException {
            byte[] bytes = codec().encode(record);
            target.writeInt(bytes.length);
            target.write(bytes);
        }

        @Override
        public Finding deserialize(DataInputView source) throws IOException {
            byte[] bytes = new byte[source.readInt()];
            source.readFully(bytes);
            return codec().decode(bytes);
        }

        @Override
        public Finding deserialize(Finding reuse, DataInputView source) throws IOException {
            return deserialize(source);
        }

        @Override
        public void copy(DataInputView source, DataOutputView target) throws IOException {
            int length = source.readInt();
            target.writeInt(length);
            target.write(source, length);
        }

        @Override
        public boolean equals(Object obj) {
            return obj instanceof Serializer;
        }

        @Override
        public int hashCode() {
            return Serializer.class.hashCode();
        }

        @Override
        public TypeSerializerSnapshot<Finding> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** No configuration: the bytes carry their writer schema's fingerprint. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Finding> {
        public Snapshot() {
            super(Serializer::new);
        }
    }
}
