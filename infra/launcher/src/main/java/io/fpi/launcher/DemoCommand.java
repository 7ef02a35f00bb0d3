package io.fpi.launcher;

import io.fpi.api.ApiConfig;
import io.fpi.api.QueryApiApp;
import io.fpi.api.auth.ApiAuth;
import io.fpi.api.auth.DemoTokens;
import io.fpi.api.auth.Role;
import io.fpi.api.health.KafkaProbe;
import io.fpi.detection.job.FpiJob;
import io.fpi.jobs.traces.TraceJobConfig;
import io.fpi.schemas.FindingCodec;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.SqlLiterals;
import io.fpi.runtime.config.Env;
import io.fpi.simulator.SimulateOptions;
import io.fpi.simulator.SimulationSummary;
import io.fpi.simulator.Simulator;
import io.fpi.simulator.truth.GroundTruthFileWriter;
import io.fpi.simulator.truth.GroundTruthSink;
import io.fpi.webhooks.WebhookConfig;
import io.fpi.webhooks.WebhookService;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/fpi demo}: the whole platform on this machine. Start order follows the data: storage
 * and broker first, then the job that writes, the API that reads, and the simulator last, so the
 * first events find everything ready. Stop order is the reverse.
 */
final class DemoCommand {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

    static final int DEMO_SPEEDUP = 480;
    static final int DEMO_RATE = 1600;

    private DemoCommand() {}

    static int run(String[] args, Env env, PrintStream out, PrintStream err) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args, env.getInt("FPI_HTTP_PORT", 8080));
        } catch (IllegalArgumentException e) {
            err.println("fpi demo: " + e.getMessage());
            err.println(DemoOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            out.print(DemoOptions.USAGE);
            return 0;
        }
        Path dataDir = DataDir.resolve(env);
        String dataset;
        try {
            // bad flags fail before anything starts; the start instant is fixed once ClickHouse tells where the data ends
            dataset = simulatorOptions(options, dataDir, System.currentTimeMillis(), null).config().dataset();
        } catch (IllegalArgumentException e) {
            err.println("fpi demo: " + e.getMessage());
            return 2;
        }
        long t0 = System.nanoTime();
        Platform platform = new Platform();
        Thread hook = new Thread(platform::close, "fpi-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            platform.start(env, dataDir, options, dataset);
            SimulateOptions sim = platform.sim;
            long startMs = (System.nanoTime() - t0) / 1_000_000;
            out.printf("FPI is up in %.1f s (data in %s)%n", startMs / 1000.0, dataDir);
            out.printf("  Kafka:      %s%n  ClickHouse: %s%n  FPI job:    %s on a local MiniCluster%n",
                    platform.services.kafkaBootstrap(), platform.services.clickHouse().url(), platform.flink.jobId());
            if (sim.groundTruth() != null) {
                out.printf("  Simulator:  dataset %s, seed %d, from %s at %.0fx, ground truth %s%n", sim.config().dataset(),
                        sim.config().seed(), Instant.ofEpochMilli(sim.config().simStartMs()), sim.config().speedup(),
                        sim.groundTruth());
            }
            printAccess(out, platform, dataDir);
            out.flush();
            platform.awaitStop(options.duration());
            return 0;
        } catch (Exception e) {
            err.println("fpi demo: failed to start: " + e.getMessage());
            LOG.debug("start failure", e);
            return 1;
        } finally {
            platform.close();
            SimulationSummary s = platform.summary.get();
            if (s != null) {
                out.println("fpi demo: simulator " + s.describe());
            }
            Runtime rt = Runtime.getRuntime();
            out.printf("fpi demo: stopped; launcher heap in use at stop %d MiB of %d MiB%n",
                    (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyExiting) {
                // the hook is running: Ctrl-C
            }
        }
    }

    /**
     * The URLs, and at first start the new tokens. The analyst token rides in the URL's fragment,
     * which the browser never sends to a server: the page stores it and removes it from the address bar.
     */
    private static void printAccess(PrintStream out, Platform platform, Path dataDir) {
        int port = platform.api.port();
        Map<Role, String> tokens = platform.newTokens;
        String fragment = tokens.containsKey(Role.ANALYST) ? "#token=" + tokens.get(Role.ANALYST) : "";
        if (!platform.auth.enabled()) {
            out.println("  API auth:   OFF (FPI_AUTH=off): every route is open on this machine");
        } else if (!tokens.isEmpty()) {
            out.println("  API tokens (shown once; only their hashes are kept in " + platform.tokensFile + "):");
            for (Role r : Role.values()) {
                out.printf("    %-9s  %s%n", r.wireName(), tokens.get(r));
            }
        } else {
            out.println("  API tokens: created at first start (hashes in " + platform.tokensFile
                    + "; delete it and restart for new ones)");
        }
        out.printf("  Webhooks:   dispatcher on %s; private targets allowed: %s%n", platform.webhookConfig.findingsTopic(),
                platform.webhookConfig.allowedHosts());
        out.printf("Governance: http://localhost:%d/governance/%s%n", port, fragment);
        out.printf("Dashboard: http://localhost:%d/%s%n", port, fragment);
    }

    /**
     * The demo's webhook settings: the environment's, with the stored-secret key kept in the demo's
     * data directory, and receivers on this machine allowed unless FPI_WEBHOOK_ALLOWED_HOSTS says
     * otherwise (a local receiver is how one tries webhooks out).
     */
    static WebhookConfig webhookConfig(Env env, Path dataDir, int httpPort) {
        WebhookConfig c = WebhookConfig.fromEnv(env);
        if (env.getOrNull("FPI_WEBHOOK_SECRET_KEY_FILE") == null) {
            c = c.withSecretKey(c.secretKey(), dataDir.resolve("webhook-secret.key"));
        }
        if (env.getOrNull("FPI_WEBHOOK_ALLOWED_HOSTS") == null) {
            c = c.withAllowedHosts("127.0.0.0/8,::1,localhost");
        }
        if (env.getOrNull("FPI_WEBHOOK_EXTERNAL_URL") == null) {
            c = c.withExternalUrl("http://localhost:" + httpPort + "/");
        }
        return c;
    }

    /**
     * The simulator's arguments: the user's, plus a history to replay. A fresh demo replays the
     * simulated retailer's last 36 to 60 hours (from 12:00 UTC, before US stores open) at
     * {@link #DEMO_SPEEDUP}x, so that within five minutes orders have been delivered, collected,
     * returned and refunded and every KPI has a value; then it streams live at 1x. At
     * {@link #DEMO_RATE} events per second during the replay the retailer places ~780 orders per
     * simulated hour, and live it sends ~3 events per second.
     *
     * <p>A demo started again on the same data directory must not replay the same orders: the
     * resumed job would drop their events as duplicates and the history would count twice. It
     * continues from where the data ends instead ({@code previousEndMs}), with a new seed unless
     * {@code --seed} is given.
     */
    static SimulateOptions simulatorOptions(DemoOptions options, Path dataDir, long nowMs, Long previousEndMs) {
        Path truth = dataDir.resolve("ground-truth").resolve("demo-" + Instant.ofEpochMilli(nowMs).toString().replace(':', '-')
                + ".jsonl");
        List<String> args = new ArrayList<>(options.simulatorArgs());
        if (!args.contains("--rate")) {
            args.add("--rate");
            args.add(String.valueOf(DEMO_RATE));
        }
        long start = historyStart(nowMs);
        if (previousEndMs != null && previousEndMs > start) {
            start = Math.min(previousEndMs, nowMs);
            if (!args.contains("--seed")) {
                args.add("--seed");
                args.add(String.valueOf(nowMs));
            }
        }
        args.add("--sim-start");
        args.add(Instant.ofEpochMilli(start).toString());
        args.add("--speedup");
        args.add(String.valueOf(DEMO_SPEEDUP));
        args.add("--ground-truth");
        args.add(truth.toString());
        Map<String, String> noBootstrap = new HashMap<>();
        noBootstrap.put(SimulateOptions.ENV_BOOTSTRAP, "unused"); // the demo's broker is known only after start
        return SimulateOptions.parse(args.toArray(String[]::new), noBootstrap, nowMs);
    }

    /** The latest 12:00 UTC at least 36 hours before {@code nowMs}. */
    static long historyStart(long nowMs) {
        long day = 86_400_000L;
        long latest = nowMs - 36 * 3_600_000L;
        long noon = Math.floorDiv(latest, day) * day + 12 * 3_600_000L;
        return noon <= latest ? noon : noon - day;
    }

    /** Where the demo dataset's simulated time ends in ClickHouse, or null when it has no events. */
    private static Long previousEnd(ClickHouseClient ch, String dataset) {
        var row = ch.queryOne("SELECT count() AS n, max(event_time_ms) AS last FROM events WHERE dataset = "
                + SqlLiterals.string(dataset));
        return row == null || row.get("n").asLong() == 0 ? null : row.get("last").asLong();
    }

    /** Everything the demo runs, stopped in reverse order of start, once. */
    private static final class Platform {
        private final AtomicBoolean closed = new AtomicBoolean();
        private final AtomicBoolean stopSimulator = new AtomicBoolean();
        private final CountDownLatch stopped = new CountDownLatch(1);
        private final AtomicReference<SimulationSummary> summary = new AtomicReference<>();
        private volatile LocalServices services;
        private volatile LocalFlink flink;
        private volatile KafkaProbe kafkaProbe;
        private volatile QueryApiApp api;
        private volatile WebhookService webhooks;
        private volatile ApiAuth auth;
        private volatile Path tokensFile;
        private volatile Map<Role, String> newTokens = Map.of();
        private volatile WebhookConfig webhookConfig;
        private volatile Thread simulator;
        private volatile SimulateOptions sim;

        void start(Env env, Path dataDir, DemoOptions options, String dataset) throws Exception {
            int httpPort = options.httpPort();
            TraceJobConfig jobDefaults = TraceJobConfig.parse(new String[0], env.asMap());
            services = LocalServices.start(env, dataDir, Map.of(jobDefaults.eventsTopic(), 2, jobDefaults.dlqTopic(), 1,
                    env.get(FpiJob.FINDINGS_TOPIC, FindingCodec.TOPIC), 2));
            TraceJobConfig job = TraceJobConfig.parse(new String[] {"--kafka.bootstrap", services.kafkaBootstrap()}, env.asMap())
                    .withClickHouse(services.clickHouse());
            flink = LocalFlink.start(job, env, dataDir.resolve("checkpoints"));
            kafkaProbe = new KafkaProbe(services.kafkaBootstrap(), Duration.ofSeconds(2));
            tokensFile = Path.of(env.get("FPI_API_TOKENS_FILE", dataDir.resolve("api-tokens").toString()));
            auth = ApiAuth.fromEnv(env, tokensFile);
            if (auth.enabled() && env.getOrNull("FPI_API_TOKENS_FILE") == null) {
                newTokens = DemoTokens.ensure(tokensFile);
                auth = ApiAuth.fromEnv(env, tokensFile); // now with the new hashes
            }
            webhookConfig = webhookConfig(env, dataDir, httpPort);
            ClickHouseClient ch = new ClickHouseClient(services.clickHouse());
            webhooks = WebhookService.start(ch, services.kafkaBootstrap(), webhookConfig);
            api = new QueryApiApp(ch, kafkaProbe, ApiConfig.defaults(), auth, webhookConfig)
                    .start(env.get("FPI_HTTP_HOST", "127.0.0.1"), httpPort);
            sim = simulatorOptions(options, dataDir, System.currentTimeMillis(), previousEnd(ch, dataset));
            Files.createDirectories(sim.groundTruth().getParent());
            simulator = new Thread(() -> simulate(sim, job.eventsTopic()), "fpi-simulator");
            simulator.setDaemon(true);
            simulator.start();
        }

        private void simulate(SimulateOptions sim, String topic) {
            try (GroundTruthSink truth = GroundTruthFileWriter.open(sim.groundTruth())) {
                summary.set(Simulator.publish(sim.config(), services.kafkaBootstrap(), topic, truth, stopSimulator::get));
            } catch (RuntimeException e) {
                if (!stopSimulator.get()) {
                    LOG.error("simulator stopped: {}", e.toString());
                }
            }
        }

        void awaitStop(Duration duration) throws InterruptedException {
            if (duration == null) {
                stopped.await();
            } else {
                stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            stopSimulator.set(true);
            join(simulator);
            if (api != null) {
                step("API", api::stop);
            }
            if (webhooks != null) {
                step("webhook dispatcher", webhooks::close);
            }
            if (kafkaProbe != null) {
                step("Kafka probe", kafkaProbe::close);
            }
            if (flink != null) {
                step("trace job", flink::close);
            }
            if (services != null) {
                step("Kafka and ClickHouse", services::close);
            }
            stopped.countDown();
        }

        private static void join(Thread t) {
            if (t == null) {
                return;
            }
            try {
                t.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void step(String what, Runnable r) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("stopping {} failed: {}", what, e.toString());
            }
        }
    }
}
