package io.fpi.simulator.pacing;

/** A token bucket on wall nanos: {@code perSecond} sustained, bursts of up to 100 ms worth. */
final class TokenBucket {
    private final double perNano;
    private final double capacity;
    private double tokens;
    private long last;

    TokenBucket(double perSecond, long nowNanos) {
        this.perNano = perSecond / 1e9;
        this.capacity = Math.max(1.0, perSecond / 10.0);
        this.tokens = capacity;
        this.last = nowNanos;
    }

    boolean tryTake(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - last) * perNano);
        last = nowNanos;
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return true;
        }
        return false;
    }

    /** Nanoseconds until a token is available (0 if one is). */
    long nanosUntilToken() {
        return tokens >= 1.0 ? 0 : (long) Math.ceil((1.0 - tokens) / perNano);
    }
}
