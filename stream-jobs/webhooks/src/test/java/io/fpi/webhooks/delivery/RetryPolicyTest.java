package io.fpi.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofHours(24));

    @Test
    void backoff_doubles_per_failure_with_jitter_in_the_upper_half_and_stops_growing_at_the_maximum() {
        for (int n = 1; n <= 12; n++) {
            long nominal = Math.min(600_000, 1000L << (n - 1));
            for (int i = 0; i < 200; i++) {
                long ms = policy.backoff(n).toMillis();
                assertThat(ms).as("failure %d", n).isBetween(nominal / 2, nominal);
            }
        }
        assertThat(policy.backoff(500).toMillis()).isBetween(300_000L, 600_000L);
    }

    @Test
    void jitter_spreads_receivers_that_failed_together() {
        long distinct = java.util.stream.IntStream.range(0, 50).mapToLong(i -> policy.backoff(8).toMillis()).distinct().count();
        assertThat(distinct).isGreaterThan(10);
    }

    @Test
    void retry_after_counts_on_429_and_503_as_seconds_or_http_date() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(RetryPolicy.retryAfter(429, "7", now)).contains(Duration.ofSeconds(7));
        assertThat(RetryPolicy.retryAfter(503, "Thu, 01 Jan 2026 00:02:00 GMT", now)).contains(Duration.ofMinutes(2));
        assertThat(RetryPolicy.retryAfter(503, "Wed, 31 Dec 2025 23:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryPolicy.retryAfter(500, "7", now)).isEmpty();
        assertThat(RetryPolicy.retryAfter(429, "soon", now)).isEmpty();
        assertThat(RetryPolicy.retryAfter(429, "-3", now)).isEmpty();
    }

    @Test
    void a_delivery_expires_after_the_maximum_age_and_only_410_is_final_at_once() {
        assertThat(policy.expired(0, Duration.ofHours(24).toMillis())).isFalse();
        assertThat(policy.expired(0, Duration.ofHours(24).toMillis() + 1)).isTrue();
        assertThat(RetryPolicy.permanentFailure(410)).isTrue();
        assertThat(RetryPolicy.permanentFailure(404)).isFalse();
        assertThat(RetryPolicy.permanentFailure(500)).isFalse();
    }
}
