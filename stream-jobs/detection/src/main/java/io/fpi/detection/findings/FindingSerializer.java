package io.fpi.detection.findings;

import io.fpi.schemas.Finding;
import io.fpi.schemas.FindingCodec;
import java.io.IOException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.specific.SpecificData;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer for {@link Finding}: a length prefix and the Avro single-object encoding (the
 * same bytes as a record value on topic fpi.findings). Without it Flink would need flink-avro (not
 * in our dependency set) or fall back to Kryo, which is slow and breaks on Avro's internals.
 *
 * <p>The single-object form carries the writer-schema fingerprint, so bytes written by one job
 * version decode in the next as long as the schema only evolves compatibly. Findings live in network
 * buffers and, with unaligned checkpoints, in checkpoints; detection state never holds them.
 *
 * <p>{@link FindingCodec} reuses its encoder and is not thread-safe, hence {@link #duplicate()}
 * hands out a fresh instance, as Flink requires of stateful serializers.
 */
public final class FindingSerializer extends TypeSerializer<Finding> {
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
        return new FindingSerializer();
    }

    @Override
    public Finding createInstance() {
        return new Finding();
    }

    @Override
    public Finding copy(Finding from) {
        // the model of the generated class, so records resolve through the job's class loader
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
        int length = source.readInt();
        if (length < 0) {
            throw new IOException("corrupt Finding: negative length " + length);
        }
        byte[] bytes = new byte[length];
        source.readFully(bytes);
        try {
            return codec().decode(bytes);
        } catch (AvroRuntimeException e) {
            // Flink expects IOException from a serializer; a bad header or body is one
            throw new IOException("corrupt Finding bytes: " + e.getMessage(), e);
        }
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
        return obj instanceof FindingSerializer;
    }

    @Override
    public int hashCode() {
        return FindingSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<Finding> snapshotConfiguration() {
        return new Snapshot();
    }

    /** No configuration to record: the format is self-describing through the schema fingerprint. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Finding> {
        public Snapshot() {
            super(FindingSerializer::new);
        }
    }
}
