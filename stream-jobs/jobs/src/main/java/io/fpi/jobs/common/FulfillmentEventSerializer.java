package io.fpi.jobs.common;

import io.fpi.schemas.EventCodec;
import io.fpi.schemas.FulfillmentEvent;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/** {@link AvroRecordSerializer} of {@link FulfillmentEvent}, through {@link EventCodec}. */
public final class FulfillmentEventSerializer extends AvroRecordSerializer<FulfillmentEvent> {
    private static final long serialVersionUID = 1L;

    private transient EventCodec codec;

    public FulfillmentEventSerializer() {
        super(FulfillmentEvent.class);
    }

    private EventCodec codec() {
        if (codec == null) {
            codec = new EventCodec();
        }
        return codec;
    }

    @Override
    protected byte[] encode(FulfillmentEvent record) {
        return codec().encode(record);
    }

    @Override
    protected FulfillmentEvent decode(byte[] bytes) throws IOException {
        return codec().decode(bytes, null);
    }

    @Override
    public TypeSerializer<FulfillmentEvent> duplicate() {
        return new FulfillmentEventSerializer();
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
