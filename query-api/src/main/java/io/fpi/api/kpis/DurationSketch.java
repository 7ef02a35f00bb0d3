package io.fpi.api.kpis;

/**
 * Reads the duration histograms of kpi_minute (written by io.fpi.detection.kpi.DurationSketch, same
 * constants): bucket 0 is 0 ms, bucket k >= 1 holds [gamma^(k-1), gamma^k) ms with
 * gamma = 1.02 / 0.98, represented by 2 gamma^k / (gamma + 1). A quantile of any merge of minute
 * histograms is within 2 % (plus rounding to whole ms) of the exact quantile of the same durations.
 */
public final class DurationSketch {
    public static final double RELATIVE_ACCURACY = 0.02;
    static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
    private static final double LOG_GAMMA = Math.log(GAMMA);

    private DurationSketch() {}

    /** The bucket of a duration, as the writer computes it (for tests and fixtures). */
    public static int bucket(long durationMs) {
        if (durationMs <= 0) {
            return 0;
        }
        return 1 + (int) Math.floor(Math.log(durationMs) / LOG_GAMMA);
    }

    public static long value(int bucket) {
        if (bucket <= 0) {
            return 0;
        }
        return Math.round(2 * Math.pow(GAMMA, bucket) / (GAMMA + 1));
    }

    /**
     * The representative of the value at rank floor(q * n) (0-based) of the n durations, the rank
     * quantileExact uses; null when there are none. Buckets ascending; non-positive counts skipped.
     */
    public static Long quantile(int[] buckets, long[] counts, double q) {
        long n = 0;
        for (long c : counts) {
            n += Math.max(c, 0);
        }
        if (n == 0) {
            return null;
        }
        long rank = Math.min((long) Math.floor(q * n), n - 1);
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += Math.max(counts[i], 0);
            if (seen > rank) {
                return value(buckets[i]);
            }
        }
        return value(buckets[buckets.length - 1]);
    }
}
