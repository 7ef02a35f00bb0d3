package io.fpi.jobs.common;

import io.fpi.schemas.EventCodec;
import io.fpi.schemas.FulfillmentEvent;
import java.io.IOException;
import org.apache.avro.specific.SpecificData;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer for {@link FulfillmentEvent}: a length prefix and the Avro single-object
 * encoding. Without it Flink would need flink-avro (not in our dependency set) or fall back to
 * Kryo, which is slow and breaks on Avro's internals.
 *
 * <p>The single-object form carries the writer-schema fingerprint, so bytes written by an older
 * job version still decode after a schema upgrade (they only ever live in network buffers, and in
 * checkpoints if unaligned checkpoints are switched on).
 *
 * <p>{@link EventCodec} reuses buffers and is not thread-safe, hence {@link #duplicate()} hands
 * out a fresh instance, as Flink requires of stateful serializers.
 */
public final class FulfillmentEventSerializer extends TypeSerializer<FulfillmentEvent> {
    private static final long serialVersionUID = 1L;

    private transient EventCodec codec;

    private EventCodec codec() {
        if (codec == null) {
            codec = new EventCodec();
        }
        return codec;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<FulfillmentEvent> duplicate() {
        return new FulfillmentEventSerializer();
    }

    @Override
    public FulfillmentEvent createInstance() {
        return new FulfillmentEvent();
    }

    @Override
    public FulfillmentEvent copy(FulfillmentEvent from) {
        // the model of the generated class, so records resolve through the job's class loader
        return SpecificData.getForClass(FulfillmentEvent.class).deepCopy(FulfillmentEvent.getClassSchema(), from);
    }

    @Override
    public FulfillmentEvent copy(FulfillmentEvent from, FulfillmentEvent reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(FulfillmentEvent record, DataOutputView target) throws IOException {
        byte[] bytes = codec().encode(record);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public FulfillmentEvent deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        return codec().decode(bytes, null);
    }

    @Override
    public FulfillmentEvent deserialize(FulfillmentEvent reuse, DataInputView source) throws IOException {
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
        return obj instanceof FulfillmentEventSerializer;
    }

    @Override
    public int hashCode() {
        return FulfillmentEventSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<FulfillmentEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** No configuration to record: the format is self-describing through the schema fingerprint. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<FulfillmentEvent> {
        public Snapshot() {
            super(FulfillmentEventSerializer::new);
        }
    }
}
