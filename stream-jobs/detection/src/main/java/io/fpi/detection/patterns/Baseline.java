package io.fpi.detection.patterns;

import io.fpi.detection.patterns.records.PatternState;

/**
 * A key's expected count per window: exponentially weighted mean and standard deviation of its
 * earlier windows, and the spike threshold {@code mean + k * sigma}.
 *
 * <p>sigma is floored at {@code sqrt(mean)} (counts are roughly Poisson, and a handful of quiet
 * windows would otherwise estimate a variance near zero) and at 1 (a threshold less than one event
 * above the mean is estimation noise, not a baseline).
 *
 * @param mean      weighted mean count per window
 * @param sigma     floored weighted standard deviation
 * @param threshold mean + k * sigma: a window above it (with enough events) starts a spike
 * @param releaseThreshold mean + k/2 * sigma: an open spike ends at the first window at or below it
 */
public record Baseline(double mean, double sigma, double threshold, double releaseThreshold) {

    public static Baseline of(PatternState s, double k) {
        double mean = s.weight > 0 ? s.weightedSum / s.weight : 0.0;
        double variance = s.weight > 0 ? Math.max(0.0, s.weightedSquares / s.weight - mean * mean) : 0.0;
        double sigma = Math.max(1.0, Math.max(StrictMath.sqrt(variance), StrictMath.sqrt(mean)));
        return new Baseline(mean, sigma, mean + k * sigma, mean + k / 2 * sigma);
    }

    /**
     * Starts a key's history as {@code windowsBefore} zero windows: a key first seen an hour after
     * its dataset started has had an hour of zeros, not no history. The weight of n zero windows is
     * {@code 1 + d + ... + d^(n-1)} with decay {@code d = 1 - alpha}.
     */
    public static void startWithZeros(PatternState s, long windowsBefore, double alpha) {
        double d = 1.0 - alpha;
        s.weight = windowsBefore <= 0 ? 0.0 : (1.0 - StrictMath.pow(d, (double) windowsBefore)) / alpha;
        s.weightedSum = 0.0;
        s.weightedSquares = 0.0;
    }

    /** Adds one window's (possibly capped) count to the weighted sums. */
    public static void learn(PatternState s, double count, double alpha) {
        double d = 1.0 - alpha;
        s.weight = d * s.weight + 1.0;
        s.weightedSum = d * s.weightedSum + count;
        s.weightedSquares = d * s.weightedSquares + count * count;
    }
}
