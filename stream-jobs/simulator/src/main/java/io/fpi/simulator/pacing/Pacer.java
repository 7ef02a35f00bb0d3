package io.fpi.simulator.pacing;

import java.util.function.BooleanSupplier;

/**
 * Holds each record back until the simulated clock ({@link SimClock}) reaches its emission time
 * and the rate cap allows it. The cap is the configured rate times the largest promotion-peak
 * multiplier, so a peak is visible in paced runs too. When the cap (or a slow sink) makes the
 * stream fall behind the clock, records go out as fast as allowed until it catches up; their
 * ingest_time stays the simulated emission time, so the bytes do not depend on pacing.
 */
public final class Pacer {
    private static final long MAX_SLEEP_MS = 100;

    private final WallClock clock;
    private final SimClock sim;
    private final TokenBucket bucket;

    private Pacer(WallClock clock, SimClock sim, TokenBucket bucket) {
        this.clock = clock;
        this.sim = sim;
        this.bucket = bucket;
    }

    public static Pacer paced(WallClock clock, long simStartMs, double speedup, double maxRecordsPerSecond) {
        return new Pacer(clock, new SimClock(simStartMs, clock.millis(), speedup),
                new TokenBucket(maxRecordsPerSecond, clock.nanos()));
    }

    /** No waiting at all. */
    public static Pacer unpaced() {
        return new Pacer(null, null, null);
    }

    /** Simulated now (paced), or -1 when unpaced. */
    public long simNow() {
        return sim == null ? -1 : sim.simAt(clock.millis());
    }

    /**
     * Waits until the record due at {@code emitAtSimMs} may go. False if {@code stop} became true
     * (or the thread was interrupted) while waiting.
     */
    public boolean await(long emitAtSimMs, BooleanSupplier stop) {
        if (sim == null) {
            return !stop.getAsBoolean();
        }
        while (true) {
            if (stop.getAsBoolean()) {
                return false;
            }
            long now = clock.millis();
            long waitMs = sim.wallWhen(emitAtSimMs) - now;
            if (waitMs <= 0) {
                if (bucket.tryTake(clock.nanos())) {
                    return true;
                }
                waitMs = Math.max(1, bucket.nanosUntilToken() / 1_000_000);
            }
            try {
                clock.sleepMillis(Math.min(waitMs, MAX_SLEEP_MS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
