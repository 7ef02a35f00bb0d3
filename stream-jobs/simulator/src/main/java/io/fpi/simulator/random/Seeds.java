package io.fpi.simulator.random;

/** Derives independent seeds from the run seed, so that each order's story is its own stream. */
public final class Seeds {
    /** Labels of the streams that are not per order. */
    public static final long ARRIVALS = 0x41525249L;
    public static final long SCENARIOS = 0x5343454EL;
    public static final long NOISE = 0x4E4F4953L;
    public static final long RUN_TAG = 0x5441474CL;

    private Seeds() {}

    public static long mix(long seed, long... labels) {
        long h = finalise(seed ^ 0x2545F4914F6CDD1DL);
        for (long label : labels) {
            h = finalise(h ^ finalise(label + 0x9E3779B97F4A7C15L));
        }
        return h;
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
