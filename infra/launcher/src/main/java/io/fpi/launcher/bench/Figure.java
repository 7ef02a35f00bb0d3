package io.fpi.launcher.bench;

import java.util.Locale;

/**
 * One benchmark figure: a fixed name (checks and the docs read it), a unit, and its repetitions.
 * Printed as {@code name: value unit} with the median; {@code name_min} and {@code name_max} follow
 * when it was measured more than once.
 *
 * @param decimals digits after the point when printed
 * @param meaning  one line for the JSON report and the docs
 */
public record Figure(String name, String unit, Summary summary, int decimals, String meaning) {

    public static Figure of(String name, String unit, int decimals, String meaning, double... samples) {
        return new Figure(name, unit, Summary.of(samples), decimals, meaning);
    }

    public double value() {
        return summary.median();
    }

    /** The stdout lines of this figure. */
    public String lines() {
        StringBuilder b = new StringBuilder(line(name, summary.median()));
        if (summary.repeated()) {
            b.append('\n').append(line(name + "_min", summary.min()));
            b.append('\n').append(line(name + "_max", summary.max()));
        }
        return b.toString();
    }

    String format(double v) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private String line(String n, double v) {
        return n + ": " + format(v) + " " + unit;
    }
}
