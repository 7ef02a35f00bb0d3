package io.fpi.simulator;

import io.fpi.simulator.truth.GroundTruthFileWriter;
import io.fpi.simulator.truth.GroundTruthSink;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;

/**
 * {@code bin/fpi simulate}: publishes the simulated retailer's events to Kafka. Returns an exit
 * code instead of exiting: 0 done, 1 failed, 2 bad usage. Ctrl-C stops it cleanly (the ground
 * truth is completed with the in-flight orders and the summary line).
 */
public final class SimulateCommand {
    public static final String USAGE = String.join("\n",
            "Usage: fpi simulate [options]",
            "Publishes a seeded, reproducible omnichannel retail event stream to Kafka.",
            "",
            "  --bootstrap HOST:PORT   Kafka bootstrap servers (default $FPI_KAFKA_BOOTSTRAP or localhost:9092)",
            "  --topic NAME            topic (default fpi.events)",
            "  --dataset NAME          dataset of every event (default demo)",
            "  --seed N                random seed (default 42); same seed + options = same stream",
            "  --rate N                records per wall second while catching up (default 200)",
            "  --speedup X             simulated seconds per wall second until now is reached (default 60)",
            "  --sim-start WHEN        ISO instant or -6h/-2d relative to now (default -6h)",
            "  --scenario NAME[:T],..  carrier-outage[:CARRIER], warehouse-wave-delay[:DC or region],",
            "                          store-inventory-drop[:REGION], erp-sync-lag, promotion-peak[:3..5]",
            "  --scenario-start D      scenario start after sim start (default 2h)",
            "  --scenario-duration D   scenario length (default per scenario, 3-4h)",
            "  --orders N              generate exactly N orders, send all their events, stop",
            "  --duration D            stop after this wall time (seconds, or 90s/10m/1h)",
            "  --sim-duration D        place orders only in the first D of simulated time",
            "  --out-of-order RATE     share of events sent late, up to --max-disorder (default 0.02)",
            "  --duplicates RATE       share of events sent twice (default 0.01)",
            "  --malformed RATE        malformed records per event (default 0.002)",
            "  --max-disorder D        lateness bound of late and duplicate records (default 20s)",
            "  --ground-truth FILE     write the ground truth (JSONL) for scoring detection",
            "  --unpaced               no pacing: emit as fast as possible (event times may be in the future)",
            "  --help                  this text",
            "");

    private SimulateCommand() {}

    public static int run(String[] args) {
        return run(args, System.getenv(), System.out, System.err, SimulateCommand::publish);
    }

    /** Testable core: {@code publisher} runs the parsed options until the stop flag says so. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err,
                   BiFunction<SimulateOptions, BooleanSupplier, SimulationSummary> publisher) {
        SimulateOptions options;
        try {
            options = SimulateOptions.parse(args, env, System.currentTimeMillis());
        } catch (IllegalArgumentException e) {
            err.println("fpi simulate: " + e.getMessage());
            err.println("Run 'fpi simulate --help' for usage.");
            return 2;
        }
        if (options.help()) {
            out.print(USAGE);
            return 0;
        }
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(10, TimeUnit.SECONDS); // let the run write the rest of the ground truth
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fpi-simulate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            out.println("fpi simulate: dataset " + options.config().dataset() + ", seed " + options.config().seed()
                    + " -> " + options.topic() + " at " + options.bootstrap()
                    + (options.groundTruth() == null ? "" : ", ground truth " + options.groundTruth()));
            SimulationSummary summary = publisher.apply(options, stop::get);
            out.println("fpi simulate: " + summary.describe());
            return 0;
        } catch (RuntimeException e) {
            err.println("fpi simulate: failed: " + e.getMessage());
            return 1;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting; the hook is already running
            }
        }
    }

    private static SimulationSummary publish(SimulateOptions options, BooleanSupplier stop) {
        try (GroundTruthSink truth = options.groundTruth() == null
                ? GroundTruthSink.NONE : GroundTruthFileWriter.open(options.groundTruth())) {
            return Simulator.publish(options.config(), options.bootstrap(), options.topic(), truth, stop);
        }
    }
}
