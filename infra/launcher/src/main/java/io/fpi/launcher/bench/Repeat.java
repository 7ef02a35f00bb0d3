package io.fpi.launcher.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Warm-up runs, then measured runs, with one stderr line per run. */
final class Repeat {
    private Repeat() {}

    @FunctionalInterface
    interface Run<R> {
        R run(int index) throws Exception;
    }

    static <R> List<R> measure(BenchReport report, String stage, int warmup, int repetitions, Run<R> run,
                               Function<R, String> describe) throws Exception {
        for (int i = 1; i <= warmup; i++) {
            settle();
            R r = run.run(-i);
            report.detail(stage + " warm-up " + i + "/" + warmup + ": " + describe.apply(r));
        }
        List<R> results = new ArrayList<>();
        for (int i = 1; i <= repetitions; i++) {
            settle();
            R r = run.run(i);
            report.detail(stage + " repetition " + i + "/" + repetitions + ": " + describe.apply(r));
            results.add(r);
        }
        return results;
    }

    /** Starts every run from a collected heap, so one run's garbage is not the next one's GC pause. */
    static void settle() {
        System.gc();
    }
}
