package io.fpi.api.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns raw query-string values into typed values, or a 400 naming the parameter and what to
 * send instead. Pure functions over strings, so controllers stay thin and these rules are tested
 * without a server. A blank value counts as absent ({@code ?status=} means "no filter").
 */
public final class Params {
    /** Longer free-text values are refused rather than sent to ClickHouse: no real id is this long. */
    public static final int MAX_TEXT_LENGTH = 256;
    /** Before this the bucket arithmetic (integer division of epoch ms) would round the wrong way. */
    private static final Instant EARLIEST = Instant.EPOCH;

    private Params() {}

    public static int intInRange(String name, String raw, int fallback, int min, int max) {
        if (isAbsent(raw)) {
            return fallback;
        }
        String message = name + " must be an integer from " + min + " to " + max;
        String v = raw.strip();
        if (v.length() > 10) {
            throw ApiException.badRequest(message);
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw ApiException.badRequest(message + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(message);
        }
    }

    /** One of a fixed set of names (case-insensitive), mapped to its value; the set is the whitelist. */
    public static <T> Optional<T> oneOf(String name, String raw, Map<String, T> allowed) {
        if (isAbsent(raw)) {
            return Optional.empty();
        }
        T value = raw.length() > MAX_TEXT_LENGTH ? null : allowed.get(raw.strip().toLowerCase(Locale.ROOT));
        if (value == null) {
            String names = allowed.keySet().stream().sorted().collect(Collectors.joining(", "));
            throw ApiException.badRequest(name + " must be one of " + names);
        }
        return Optional.of(value);
    }

    /** Free text such as a dataset name or an order id; any characters, bounded length. */
    public static Optional<String> text(String name, String raw) {
        if (isAbsent(raw)) {
            return Optional.empty();
        }
        if (raw.length() > MAX_TEXT_LENGTH) {
            throw ApiException.badRequest(name + " must be at most " + MAX_TEXT_LENGTH + " characters");
        }
        return Optional.of(raw);
    }

    /** An ISO-8601 instant: {@code 2024-03-01T10:00:00Z} or with an offset, {@code 2024-03-01T11:00:00+01:00}. */
    public static Optional<Instant> instant(String name, String raw) {
        if (isAbsent(raw)) {
            return Optional.empty();
        }
        String message = name + " must be an ISO-8601 instant such as 2024-03-01T10:00:00Z";
        if (raw.length() > 64) {
            throw ApiException.badRequest(message);
        }
        Instant t;
        try {
            t = Instant.parse(raw.strip());
        } catch (DateTimeException e) {
            try {
                t = OffsetDateTime.parse(raw.strip()).toInstant();
            } catch (DateTimeException e2) {
                throw ApiException.badRequest(message);
            }
        }
        if (t.isBefore(EARLIEST) || t.getEpochSecond() > 253_402_300_799L) { // 9999-12-31T23:59:59Z
            throw ApiException.badRequest(name + " must lie between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        }
        return Optional.of(t);
    }

    private static boolean isAbsent(String raw) {
        return raw == null || raw.isBlank();
    }
}
