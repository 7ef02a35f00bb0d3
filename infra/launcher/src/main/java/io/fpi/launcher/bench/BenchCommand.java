package io.fpi.launcher.bench;

import io.fpi.api.bench.ApiBenchmark;
import io.fpi.launcher.ImportBenchmark;
import io.fpi.runtime.config.Env;
import io.fpi.webhooks.bench.WebhookBenchmark;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * {@code bin/fpi bench [pipeline|api|webhooks|import|all] [--events N] [--json FILE] ...}: every
 * figure of one part in one invocation on this machine, as {@code name: value unit} lines on
 * stdout. Exit codes: 0 every figure measured, 1 a stage failed, 2 bad usage. {@code api},
 * {@code webhooks} and {@code import} are the benchmarks of their modules, given the remaining arguments.
 */
public final class BenchCommand {
    /** Targets of issues 7 and 3 on the reference 2-core machine: name, comparison, bound. */
    static final List<Target> TARGETS = List.of(
            new Target("full_events_per_s", true, 25_000),
            new Target("full_over_b1", true, 0.25),
            new Target("latency_p99_ms", false, 2_000),
            new Target("heap_bytes_per_open_order", false, 1_024),
            new Target("full_over_trace_only", true, 0.5),
            new Target("full_heap_bytes_per_open_order", false, 1_024));

    record Target(String figure, boolean atLeast, double bound) {}

    private BenchCommand() {}

    public static int run(String[] args, PrintStream out) {
        return run(args, Env.system(), out, System.err);
    }

    public static int run(String[] args, Env env, PrintStream out, PrintStream err) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("fpi bench: " + e.getMessage());
            err.print(BenchOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            out.print(BenchOptions.USAGE);
            return 0;
        }
        switch (options.part()) {
            case PIPELINE:
                return pipeline(options, env, out, err);
            case API:
                return part("api", () -> ApiBenchmark.run(options.passThrough().toArray(String[]::new), out), err);
            case WEBHOOKS:
                return part("webhooks", () -> WebhookBenchmark.run(options.passThrough().toArray(String[]::new), out), err);
            case IMPORT:
                return part("import", () -> ImportBenchmark.run(options.passThrough().toArray(String[]::new), out), err);
            case ALL:
            default:
                int worst = pipeline(options, env, out, err);
                worst = Math.max(worst, part("api", () -> ApiBenchmark.run(new String[0], out), err));
                worst = Math.max(worst, part("webhooks", () -> WebhookBenchmark.run(new String[0], out), err));
                worst = Math.max(worst, part("import", () -> ImportBenchmark.run(new String[0], out), err));
                return worst;
        }
    }

    private static int pipeline(BenchOptions options, Env env, PrintStream out, PrintStream err) {
        logsToStderr();
        BenchReport report = new BenchReport(out, err);
        boolean ok;
        try {
            ok = new PipelineBench(options, env, report).run();
        } catch (Exception e) {
            report.note("pipeline benchmark could not run: " + e);
            e.printStackTrace(err);
            ok = false;
        }
        report.config("targets", targets(report));
        if (options.json() != null) {
            try {
                report.writeJson(options.json());
                err.println("fpi bench: figures written to " + options.json().toAbsolutePath());
            } catch (IOException e) {
                err.println("fpi bench: could not write " + options.json() + ": " + e.getMessage());
                return 1;
            }
        }
        return ok ? 0 : 1;
    }

    /**
     * The launcher logs to stdout, where the figures go: move every log line to stderr, so stdout
     * holds nothing but {@code name: value unit} lines. Also keep FPI's INFO progress (services
     * starting, migrations) and the warnings bounded benchmark jobs cause by design — a checkpoint
     * declined because a source subtask already finished its share, one aborted by the cancellation
     * that ends a run, an offset commit before a fresh consumer group's coordinator exists — out of
     * the way. The benchmark reports its own progress on stderr.
     */
    static void logsToStderr() {
        if (LogManager.getContext(false) instanceof LoggerContext ctx) {
            Configuration config = ctx.getConfiguration();
            LoggerConfig root = config.getRootLogger();
            Layout<? extends java.io.Serializable> layout = root.getAppenders().values().stream().findFirst()
                    .map(Appender::getLayout).orElse(null);
            ConsoleAppender stderr = ConsoleAppender.newBuilder().setName("fpi-bench-stderr")
                    .setTarget(ConsoleAppender.Target.SYSTEM_ERR)
                    .setLayout(layout != null ? layout : PatternLayout.createDefaultLayout()).build();
            stderr.start();
            config.addAppender(stderr);
            for (LoggerConfig logger : config.getLoggers().values()) {
                for (String name : List.copyOf(logger.getAppenders().keySet())) {
                    logger.removeAppender(name);
                    logger.addAppender(stderr, null, null);
                }
            }
            root.getAppenders().keySet().forEach(root::removeAppender);
            root.addAppender(stderr, null, null);
            ctx.updateLoggers();
        }
        Configurator.setLevel("io.fpi.runtime", Level.WARN);
        Configurator.setLevel("io.fpi.jobs", Level.WARN);
        Configurator.setLevel("io.fpi.simulator", Level.WARN);
        Configurator.setLevel("org.apache.flink.runtime.checkpoint", Level.ERROR);
        Configurator.setLevel("org.apache.flink.connector.kafka.source.reader", Level.ERROR);
    }

    /** Each target as "met"/"missed" (stderr and JSON); the figures themselves decide nothing. */
    static Map<String, String> targets(BenchReport report) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Target t : TARGETS) {
            Figure f = report.figure(t.figure());
            String verdict;
            if (f == null) {
                verdict = "not measured";
            } else {
                boolean met = t.atLeast() ? f.value() >= t.bound() : f.value() <= t.bound();
                verdict = (met ? "met" : "missed") + " (" + f.format(f.value()) + " " + f.unit() + (t.atLeast() ? " >= " : " <= ")
                        + t.bound() + ")";
            }
            out.put(t.figure(), verdict);
            report.detail("target " + t.figure() + ": " + verdict);
        }
        return out;
    }

    /** One part's own benchmark (it parses its own options); a crash is exit code 1, not a stack trace to stdout. */
    static int part(String name, IntSupplier benchmark, PrintStream err) {
        try {
            return benchmark.getAsInt();
        } catch (RuntimeException e) {
            err.println("fpi bench " + name + ": failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }
}
