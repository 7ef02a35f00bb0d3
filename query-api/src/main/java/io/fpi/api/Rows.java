package io.fpi.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads fields of ClickHouse JSONEachRow rows. ClickHouse quotes 64-bit integers by default, so
 * {@code Int64}/{@code UInt64} arrive as JSON strings; {@link JsonNode#asLong()} parses either form.
 * Times are stored as epoch milliseconds and leave here as {@link Instant}s.
 */
public final class Rows {
    private Rows() {}

    public static String text(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Empty strings (ClickHouse's "no value" in non-Nullable String columns) become null. */
    public static String textOrNull(JsonNode row, String field) {
        String s = text(row, field);
        return s == null || s.isEmpty() ? null : s;
    }

    public static long longValue(JsonNode row, String field) {
        JsonNode v = row.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalStateException("ClickHouse row has no value for " + field);
        }
        return v.asLong();
    }

    /**
     * A count from countIf. On ClickHouse 18.16 countIf over a Nullable condition is itself
     * Nullable and comes back null, not 0, when no row was aggregated.
     */
    public static long count(JsonNode row, String field) {
        Long n = longOrNull(row, field);
        return n == null ? 0 : n;
    }

    public static Long longOrNull(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v == null || v.isNull() ? null : v.asLong();
    }

    public static Instant instant(JsonNode row, String field) {
        return Instant.ofEpochMilli(longValue(row, field));
    }

    public static Instant instantOrNull(JsonNode row, String field) {
        Long ms = longOrNull(row, field);
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }

    public static List<String> texts(JsonNode row, String field) {
        List<String> out = new ArrayList<>();
        JsonNode v = row.get(field);
        if (v != null) {
            v.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    public static List<Long> longs(JsonNode row, String field) {
        List<Long> out = new ArrayList<>();
        JsonNode v = row.get(field);
        if (v != null) {
            v.forEach(n -> out.add(n.isNull() ? null : n.asLong()));
        }
        return out;
    }
}
