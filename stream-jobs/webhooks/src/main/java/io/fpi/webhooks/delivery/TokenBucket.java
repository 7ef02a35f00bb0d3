package io.fpi.webhooks.delivery;

/**
 * A subscription's rate limit: {@code perMinute} attempts a minute, with bursts of up to ten
 * seconds' worth (at least one). Not thread-safe; its worker guards it. 0 means unlimited.
 */
final class TokenBucket {
    private final int perMinute;
    private final double capacity;
    private final double perMs;
    private double tokens;
    private long lastMs;

    TokenBucket(int perMinute, long nowMs) {
        this.perMinute = perMinute;
        this.capacity = Math.max(1.0, perMinute / 6.0);
        this.perMs = perMinute / 60_000.0;
        this.tokens = capacity;
        this.lastMs = nowMs;
    }

    int perMinute() {
        return perMinute;
    }

    /** Takes a token and returns 0, or returns how many ms until one is available. */
    long tryAcquire(long nowMs) {
        if (perMinute == 0) {
            return 0;
        }
        if (nowMs > lastMs) {
            tokens = Math.min(capacity, tokens + (nowMs - lastMs) * perMs);
            lastMs = nowMs;
        }
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1.0 - tokens) / perMs));
    }
}
