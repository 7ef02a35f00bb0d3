package io.fpi.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;

/**
 * Avro single-object encoding of {@link FulfillmentEvent}: {@code C3 01}, the writer schema's
 * 8-byte CRC-64-AVRO fingerprint, then the Avro binary body. The fingerprint lets a reader pick the
 * writer schema from {@link SchemaHistory} without a schema registry service.
 *
 * <p>Not thread-safe (it reuses buffers); make one per thread or per operator instance.
 */
public final class EventCodec {
    private final BinaryMessageEncoder<FulfillmentEvent> encoder;
    private final BinaryMessageDecoder<FulfillmentEvent> decoder;

    public EventCodec() {
        SchemaStore.Cache store = new SchemaStore.Cache();
        for (Schema writer : SchemaHistory.allFulfillmentEventVersions()) {
            store.addSchema(writer);
        }
        this.encoder = FulfillmentEvent.getEncoder();
        this.decoder = FulfillmentEvent.createDecoder(store);
    }

    public byte[] encode(FulfillmentEvent event) {
        try {
            ByteBuffer buf = encoder.encode(event);
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decodes one message. Throws {@link org.apache.avro.message.BadHeaderException} for a wrong
     * magic, {@link org.apache.avro.message.MissingSchemaException} for an unknown fingerprint and
     * {@link IOException}/{@link RuntimeException} for a truncated or corrupt body.
     *
     * @param reuse a record to fill in place, or null for a new one
     */
    public FulfillmentEvent decode(byte[] bytes, FulfillmentEvent reuse) throws IOException {
        return decoder.decode(bytes, reuse);
    }
}
