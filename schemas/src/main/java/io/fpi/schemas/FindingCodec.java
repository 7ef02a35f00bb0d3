package io.fpi.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * Avro single-object encoding of {@link Finding}, the value format of topic fpi.findings (same wire
 * format as {@link EventCodec}). Not thread-safe: one per thread or operator instance.
 */
public final class FindingCodec {
    public static final String TOPIC = "fpi.findings";

    private final BinaryMessageEncoder<Finding> encoder = Finding.getEncoder();
    private final BinaryMessageDecoder<Finding> decoder = Finding.getDecoder();

    public byte[] encode(Finding finding) {
        try {
            ByteBuffer buf = encoder.encode(finding);
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Finding decode(byte[] bytes) throws IOException {
        return decoder.decode(bytes);
    }
}
