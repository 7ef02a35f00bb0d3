package io.fpi.jobs.common;

import java.io.IOException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer for one generated Avro record class: a length prefix and the record's Avro
 * single-object encoding (the bytes FPI's topics carry). Without it Flink would need flink-avro
 * (not in our dependency set) or fall back to Kryo, which is slow and breaks on Avro's internals.
 *
 * <p>The single-object form carries the writer-schema fingerprint, so bytes written by one job
 * version decode in the next as long as the schema evolves compatibly. Records live in network
 * buffers and, with unaligned checkpoints, in checkpoints.
 *
 * <p>A subclass per record class supplies the codec (FPI's codecs reuse buffers and are not
 * thread-safe, hence {@link #duplicate()} makes a fresh serializer, as Flink requires of stateful
 * ones) and a snapshot class with a no-argument constructor, which checkpoints name.
 */
public abstract class AvroRecordSerializer<T extends SpecificRecord> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;

    protected AvroRecordSerializer(Class<T> type) {
        this.type = type;
    }

    /** The single-object bytes of {@code record}. */
    protected abstract byte[] encode(T record);

    /** The record of single-object bytes; Avro's runtime exceptions may escape, they become IOExceptions. */
    protected abstract T decode(byte[] bytes) throws IOException;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public T createInstance() {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create a " + type.getName(), e);
        }
    }

    @Override
    public T copy(T from) {
        // the model of the generated class, so records resolve through the job's class loader
        return SpecificData.getForClass(type).deepCopy(from.getSchema(), from);
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        byte[] bytes = encode(record);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        int length = source.readInt();
        if (length < 0) {
            throw new IOException("corrupt " + type.getSimpleName() + ": negative length " + length);
        }
        byte[] bytes = new byte[length];
        source.readFully(bytes);
        try {
            return decode(bytes);
        } catch (AvroRuntimeException e) {
            // Flink expects IOException from a serializer; a bad header or body is one
            throw new IOException("corrupt " + type.getSimpleName() + " bytes: " + e.getMessage(), e);
        }
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
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
        return obj != null && obj.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
