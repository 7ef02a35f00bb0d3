package io.fpi.runtime.sketch;

/**
 * A mergeable duration histogram with log-spaced buckets: bucket 0 holds durations of 0 ms (and
 * negative ones, clamped), bucket k >= 1 holds [gamma^(k-1), gamma^k) ms with gamma = 1.02 / 0.98.
 * Every value in a bucket is within {@link #RELATIVE_ACCURACY} (2 %) of the bucket's
 * representative {@link #value(int)}, so a quantile read from any merge of histograms is within
 * 2 % (plus rounding to whole ms) of the exact quantile of the same durations. Ten years in ms
 * is bucket ~662; a minute row holds only the buckets it saw.
 *
 * <p>The one definition of the buckets: the detection job writes histograms with it and the query
 * API reads their merges with it (kpi_minute stores bucket indexes, so the constants are a format).
 */
public final class DurationSketch {
    public static final double RELATIVE_ACCURACY = 0.02;
    public static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
    private static final double LOG_GAMMA = Math.log(GAMMA);

    private DurationSketch() {}

    public static int bucket(long durationMs) {
        if (durationMs <= 0) {
            return 0;
        }
        return 1 + (int) Math.floor(Math.log(durationMs) / LOG_GAMMA);
    }

    /** The bucket's representative: 2 gamma^k / (gamma + 1), within 2 % of every value in it. */
    public static long value(int bucket) {
        if (bucket <= 0) {
            return 0;
        }
        return Math.round(2 * Math.pow(GAMMA, bucket) / (GAMMA + 1));
    }

    /**
     * The value at rank floor(q * n) (0-based) of the n durations in the histogram, as ClickHouse's
     * quantileExact defines it; null when the histogram is empty. Buckets must be ascending;
     * non-positive counts are skipped.
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
