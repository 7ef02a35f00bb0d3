package io.fpi.webhooks.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try again. Exponential backoff with "equal jitter": after the n-th consecutive failure
 * the wait is drawn uniformly from [d/2, d] with d = min(max, base * 2^(n-1)), so receivers that
 * failed together do not retry in lockstep, yet the wait still grows. A Retry-After on 429 or 503
 * replaces the computed wait. A delivery is given up (dead-lettered) once its next attempt would
 * fall after {@code createdAt + maxAge}.
 */
public record RetryPolicy(Duration base, Duration maxBackoff, Duration maxAge) {

    public Duration backoff(int consecutiveFailures) {
        int n = Math.max(1, consecutiveFailures);
        long baseMs = base.toMillis();
        long capped = maxBackoff.toMillis();
        long d = n >= 40 ? capped : Math.min(capped, baseMs * (1L << Math.min(n - 1, 39)));
        long half = d / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(d - half + 1));
    }

    public boolean expired(long createdAtMs, long atMs) {
        return atMs > createdAtMs + maxAge.toMillis();
    }

    /** 410 Gone: the receiver says the endpoint is gone for good; nothing else is final. */
    public static boolean permanentFailure(int httpStatus) {
        return httpStatus == 410;
    }

    /** Retry-After counts on 429 and 503 only (RFC 9110), as seconds or an HTTP date. */
    public static Optional<Duration> retryAfter(int httpStatus, String header, Instant now) {
        if ((httpStatus != 429 && httpStatus != 503) || header == null || header.isBlank()) {
            return Optional.empty();
        }
        String v = header.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(Math.min(seconds, 7 * 24 * 3600L)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
