package io.fpi.jobs.common;

import io.fpi.schemas.SchemaHistory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Walks a single-object-encoded Avro body against its writer schema <em>without allocating</em>,
 * checking that every length and item count fits in the bytes that are actually there.
 *
 * <p>Why: Avro's decoder trusts lengths. One flipped bit in a string length makes it allocate up
 * to 2 GB before noticing the body is short, and the resulting OutOfMemoryError would fail the
 * task on the same record after every restart. A fuzz test in EventDecoderTest found exactly that.
 */
final class AvroBoundsCheck {
    private static final byte MAGIC_0 = (byte) 0xC3;
    private static final byte MAGIC_1 = 0x01;
    private static final int HEADER = 10;
    /** Arrays of null items take no bytes per item; cap them so the reader's list stays small. */
    private static final long MAX_ZERO_BYTE_ITEMS = 1_000_000;

    private final Map<Long, Schema> writers = new HashMap<>();

    AvroBoundsCheck(List<Schema> writerSchemas) {
        for (Schema s : writerSchemas) {
            writers.put(SchemaNormalization.parsingFingerprint64(s), s);
        }
    }

    static AvroBoundsCheck forFulfillmentEvents() {
        return new AvroBoundsCheck(SchemaHistory.allFulfillmentEventVersions());
    }

    /**
     * @return null when the body is safe to hand to Avro (or when the header or fingerprint is bad,
     *         which Avro reports by itself without allocating), else why it is corrupt
     */
    String check(byte[] value) {
        if (value == null || value.length < HEADER || value[0] != MAGIC_0 || value[1] != MAGIC_1) {
            return null;
        }
        long fingerprint = 0;
        for (int i = 9; i >= 2; i--) {
            fingerprint = (fingerprint << 8) | (value[i] & 0xff);
        }
        Schema writer = writers.get(fingerprint);
        if (writer == null) {
            return null;
        }
        try {
            new Walker(value, HEADER).walk(writer);
            return null;
        } catch (Corrupt e) {
            return e.getMessage();
        }
    }

    private static final class Corrupt extends Exception {
        Corrupt(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Walker {
        private final byte[] buf;
        private int pos;

        Walker(byte[] buf, int pos) {
            this.buf = buf;
            this.pos = pos;
        }

        void walk(Schema s) throws Corrupt {
            switch (s.getType()) {
                case NULL -> { }
                case BOOLEAN -> skip(1);
                case INT, LONG, ENUM -> varLong();
                case FLOAT -> skip(4);
                case DOUBLE -> skip(8);
                case FIXED -> skip(s.getFixedSize());
                case STRING, BYTES -> skip(length("string/bytes length"));
                case RECORD -> {
                    for (Schema.Field f : s.getFields()) {
                        walk(f.schema());
                    }
                }
                case UNION -> {
                    long branch = varLong();
                    if (branch < 0 || branch >= s.getTypes().size()) {
                        throw new Corrupt("union branch " + branch + " of " + s.getTypes().size() + " at byte " + pos);
                    }
                    walk(s.getTypes().get((int) branch));
                }
                case ARRAY -> blocks(null, s.getElementType());
                case MAP -> blocks(Schema.create(Schema.Type.STRING), s.getValueType());
                default -> throw new Corrupt("unsupported schema type " + s.getType());
            }
        }

        private void blocks(Schema key, Schema item) throws Corrupt {
            while (true) {
                long count = varLong();
                if (count == 0) {
                    return;
                }
                if (count < 0) {
                    count = -count;
                    length("block size");
                }
                boolean zeroBytes = key == null && item.getType() == Schema.Type.NULL;
                if (count < 0 || count > (zeroBytes ? MAX_ZERO_BYTE_ITEMS : buf.length - pos)) {
                    throw new Corrupt("item count " + count + " exceeds the " + (buf.length - pos) + " bytes left at byte " + pos);
                }
                for (long i = 0; i < count; i++) {
                    if (key != null) {
                        walk(key);
                    }
                    walk(item);
                }
            }
        }

        private long length(String what) throws Corrupt {
            long n = varLong();
            if (n < 0 || n > buf.length - pos) {
                throw new Corrupt(what + " " + n + " exceeds the " + (buf.length - pos) + " bytes left at byte " + pos);
            }
            return n;
        }

        private void skip(long n) throws Corrupt {
            if (n > buf.length - pos) {
                throw new Corrupt("body ends at byte " + buf.length + ", needed " + n + " more from byte " + pos);
            }
            pos += (int) n;
        }

        /** Avro's zig-zag varint, at most 10 bytes. */
        private long varLong() throws Corrupt {
            long raw = 0;
            for (int shift = 0; shift < 70; shift += 7) {
                if (pos >= buf.length) {
                    throw new Corrupt("body ends inside a number at byte " + pos);
                }
                byte b = buf[pos++];
                raw |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return (raw >>> 1) ^ -(raw & 1);
                }
            }
            throw new Corrupt("number longer than 10 bytes at byte " + pos);
        }
    }
}
