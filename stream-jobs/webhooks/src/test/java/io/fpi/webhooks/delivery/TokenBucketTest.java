package io.fpi.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    @Test
    void allows_a_burst_of_ten_seconds_worth_then_one_per_interval() {
        TokenBucket b = new TokenBucket(60, 0); // 1/s, burst 10
        for (int i = 0; i < 10; i++) {
            assertThat(b.tryAcquire(0)).isZero();
        }
        long wait = b.tryAcquire(0);
        assertThat(wait).isBetween(990L, 1000L);
        assertThat(b.tryAcquire(500)).isBetween(490L, 500L);
        assertThat(b.tryAcquire(1000)).isZero();
        assertThat(b.tryAcquire(1000)).isPositive();
    }

    @Test
    void a_slow_rate_still_allows_one_at_a_time_and_zero_means_unlimited() {
        TokenBucket slow = new TokenBucket(1, 0);
        assertThat(slow.tryAcquire(0)).isZero();
        assertThat(slow.tryAcquire(0)).isBetween(59_000L, 60_000L);
        TokenBucket unlimited = new TokenBucket(0, 0);
        for (int i = 0; i < 10_000; i++) {
            assertThat(unlimited.tryAcquire(0)).isZero();
        }
    }
}
