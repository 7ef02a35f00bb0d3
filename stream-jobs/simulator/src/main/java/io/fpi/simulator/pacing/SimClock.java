package io.fpi.simulator.pacing;

/**
 * Simulated time for a paced run: "catch up, then live". From {@code simStart} (in the past) the
 * clock runs at {@code speedup} x wall time until it reaches the wall clock, then at 1x, equal to
 * wall time. So an event's time is never in the future, and a run started with the default
 * look-back (6 h at 60x) fills 6 h of history in 6 minutes and then streams live.
 */
public final class SimClock {
    private final long simStart;
    private final long wallStart;
    private final double speedup;

    public SimClock(long simStartMs, long wallStartMs, double speedup) {
        if (simStartMs > wallStartMs) {
            throw new IllegalArgumentException("a paced run cannot start in the future (sim start "
                    + simStartMs + " > now " + wallStartMs + "); use an earlier start or an unpaced run");
        }
        this.simStart = simStartMs;
        this.wallStart = wallStartMs;
        this.speedup = speedup;
    }

    /** Simulated time at wall time {@code wallMs}. */
    public long simAt(long wallMs) {
        double fast = simStart + (wallMs - wallStart) * speedup;
        return fast >= wallMs ? wallMs : (long) fast;
    }

    /** The wall time at which the simulated clock reaches {@code simMs}. */
    public long wallWhen(long simMs) {
        if (speedup <= 1) {
            return wallStart + (simMs - simStart); // 1x from a past start: never catches up
        }
        // the wall time at which simStart + (w - wallStart) * speedup == w; sim == wall from then on
        long caughtUp = (long) Math.ceil((wallStart * speedup - simStart) / (speedup - 1));
        if (simMs >= caughtUp) {
            return simMs; // live: sim time equals wall time
        }
        return wallStart + (long) Math.ceil((simMs - simStart) / speedup);
    }
}
