package io.fpi.launcher.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Median and spread of a figure's repetitions. Quartiles interpolate linearly between order
 * statistics (the "R-7" definition spreadsheets use), so three samples give p25 halfway between the
 * lowest two.
 */
public record Summary(double median, double min, double max, double p25, double p75, List<Double> samples) {

    public Summary {
        samples = List.copyOf(samples);
    }

    public static Summary of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Summary(quantile(sorted, 0.5), sorted[0], sorted[sorted.length - 1], quantile(sorted, 0.25),
                quantile(sorted, 0.75), Arrays.stream(values).boxed().toList());
    }

    public static Summary of(List<Double> values) {
        return of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** A figure measured once (or derived from medians): no spread. */
    public static Summary single(double value) {
        return of(value);
    }

    /** {@code q}-quantile of sorted values, 0 <= q <= 1, interpolated between neighbours. */
    public static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    public boolean repeated() {
        return samples.size() > 1;
    }

    /** (max - min) / median in percent: how much the repetitions disagree. */
    public double rangePercent() {
        return median == 0 ? 0 : (max - min) / Math.abs(median) * 100;
    }
}
