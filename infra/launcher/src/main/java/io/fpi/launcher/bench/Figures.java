package io.fpi.launcher.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Figures derived from stage results: one per repeated measurement, the ratios, the run lines. */
final class Figures {
    private Figures() {}

    /** Full / B1, B2 / B1 and Full / min(B2, B3) from the medians, for the stages that ran. */
    static void ratios(BenchReport report) {
        Figure b1 = report.figure("b1_events_per_s");
        Figure b2 = report.figure("b2_events_per_s");
        Figure b3 = report.figure("b3_rows_per_s");
        Figure full = report.figure("full_events_per_s");
        if (full != null && b1 != null) {
            report.add(Figure.of("full_over_b1", "ratio", 3, "Full / B1 (medians)", full.value() / b1.value()));
        }
        if (b2 != null && b1 != null) {
            report.add(Figure.of("b2_over_b1", "ratio", 3, "B2 / B1 (medians)", b2.value() / b1.value()));
        }
        if (full != null && b2 != null && b3 != null) {
            report.add(Figure.of("full_over_min_b2_b3", "ratio", 3, "Full / min(B2, B3) (medians; B3 in trace rows/s)",
                    full.value() / Math.min(b2.value(), b3.value())));
        }
        Figure b3c = report.figure("b3_combined_events_per_s");
        if (full != null && b2 != null && b3c != null) {
            report.add(Figure.of("full_over_min_b2_b3_combined", "ratio", 3, "Full / min(B2, B3 combined) (medians)",
                    full.value() / Math.min(b2.value(), b3c.value())));
        }
    }

    /** One stderr line per Flink run: time, rate, CPU per process, cores. */
    static String describe(FlinkStages.Result r) {
        StringBuilder cpu = new StringBuilder();
        r.cpuSeconds().forEach((k, v) -> cpu.append(String.format(Locale.ROOT, " %s %.1f", k, v)));
        return String.format(Locale.ROOT, "%d records in %.2f s = %.0f events/s; cpu-s%s = %.1f cpu-s/M; %.2f cores ours,"
                        + " %.2f busy machine-wide", r.records(), r.seconds(), r.perSecond(), cpu, r.cpuPerMillion(), r.coresUsed(),
                r.machineCores());
    }

    /** A figure with one sample per measured run. */
    static <R> Figure of(String name, String unit, int decimals, String meaning, List<R> results, ToDoubleFunction<R> value) {
        return Figure.of(name, unit, decimals, meaning, results.stream().mapToDouble(value).toArray());
    }
}
