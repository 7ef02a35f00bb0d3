package io.fpi.jobs.common;

import java.util.Arrays;
import java.util.List;

/**
 * Appends JSONEachRow lines to a reusable UTF-8 byte buffer. Hand-written rather than reflective
 * (ObjectMapper per row costs more than the rest of the pipeline) and total: every Java string
 * becomes valid JSON (lone surrogates are written as U+FFFD), so no row can make ClickHouse reject
 * a batch and stall the job in a retry loop.
 *
 * <p>Field names must be plain ASCII column names; they are written as given. Calls must follow
 * {@code beginRow(), field..., endRow()}.
 */
public final class JsonRowWriter {
    /** Last day ClickHouse's Date holds on every supported release (18.16 stops in 2106). */
    static final long MAX_DATE_EPOCH_DAY = java.time.LocalDate.of(2105, 12, 31).toEpochDay();
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] buf;
    private int size;
    private int rows;
    private boolean firstField;

    public JsonRowWriter() {
        this(64 * 1024);
    }

    public JsonRowWriter(int initialCapacity) {
        buf = new byte[Math.max(initialCapacity, 256)];
    }

    public int rows() {
        return rows;
    }

    public int sizeInBytes() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    public void reset() {
        size = 0;
        rows = 0;
    }

    public JsonRowWriter beginRow() {
        put('{');
        firstField = true;
        return this;
    }

    public JsonRowWriter endRow() {
        put('}');
        put('\n');
        rows++;
        return this;
    }

    /** A String column; null is written as "" (none of our String columns is Nullable). */
    public JsonRowWriter string(String name, String value) {
        name(name);
        quoted(value == null ? "" : value);
        return this;
    }

    public JsonRowWriter int64(String name, long value) {
        name(name);
        ascii(Long.toString(value));
        return this;
    }

    /** A UInt64 column from a long read as unsigned (e.g. a 64-bit hash). */
    public JsonRowWriter uint64(String name, long value) {
        name(name);
        ascii(Long.toUnsignedString(value));
        return this;
    }

    public JsonRowWriter nullableInt64(String name, Long value) {
        name(name);
        ascii(value == null ? "null" : value.toString());
        return this;
    }

    public JsonRowWriter nullableInt32(String name, Integer value) {
        name(name);
        ascii(value == null ? "null" : value.toString());
        return this;
    }

    /**
     * A Date column holding the UTC day of an epoch-ms instant, clamped to ClickHouse's Date
     * range: the column only partitions data, the exact time lives in an Int64 next to it.
     */
    public JsonRowWriter utcDate(String name, long epochMs) {
        long day = Math.max(0, Math.min(MAX_DATE_EPOCH_DAY, Math.floorDiv(epochMs, 86_400_000L)));
        name(name);
        put('"');
        ascii(java.time.LocalDate.ofEpochDay(day).toString());
        put('"');
        return this;
    }

    public JsonRowWriter stringArray(String name, String[] values) {
        name(name);
        put('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                put(',');
            }
            quoted(values[i] == null ? "" : values[i]);
        }
        put(']');
        return this;
    }

    public JsonRowWriter stringArray(String name, List<String> values) {
        return stringArray(name, values.toArray(new String[0]));
    }

    public JsonRowWriter int64Array(String name, long[] values) {
        name(name);
        put('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                put(',');
            }
            ascii(Long.toString(values[i]));
        }
        put(']');
        return this;
    }

    private void name(String name) {
        if (!firstField) {
            put(',');
        }
        firstField = false;
        put('"');
        ascii(name);
        put('"');
        put(':');
    }

    private void quoted(String s) {
        ensure(s.length() * 3 + 2);
        put('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                escapeAscii(c);
            } else if (c < 0x800) {
                put(0xc0 | (c >> 6));
                put(0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                put(0xf0 | (cp >> 18));
                put(0x80 | ((cp >> 12) & 0x3f));
                put(0x80 | ((cp >> 6) & 0x3f));
                put(0x80 | (cp & 0x3f));
            } else {
                int cp = Character.isSurrogate(c) ? 0xfffd : c;
                put(0xe0 | (cp >> 12));
                put(0x80 | ((cp >> 6) & 0x3f));
                put(0x80 | (cp & 0x3f));
            }
        }
        put('"');
    }

    private void escapeAscii(char c) {
        switch (c) {
            case '"' -> { put('\\'); put('"'); }
            case '\\' -> { put('\\'); put('\\'); }
            case '\n' -> { put('\\'); put('n'); }
            case '\r' -> { put('\\'); put('r'); }
            case '\t' -> { put('\\'); put('t'); }
            default -> {
                if (c < 0x20 || c == 0x7f) {
                    ensure(6);
                    put('\\');
                    put('u');
                    put('0');
                    put('0');
                    put(HEX[c >> 4]);
                    put(HEX[c & 0xf]);
                } else {
                    put(c);
                }
            }
        }
    }

    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[size++] = (byte) s.charAt(i);
        }
    }

    private void put(int b) {
        if (size == buf.length) {
            ensure(1);
        }
        buf[size++] = (byte) b;
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }
}
