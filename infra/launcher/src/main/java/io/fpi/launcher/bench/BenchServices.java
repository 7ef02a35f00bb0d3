package io.fpi.launcher.bench;

import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import io.fpi.runtime.config.Env;
import io.fpi.runtime.local.EmbeddedKafka;
import io.fpi.runtime.local.LocalClickHouse;
import io.fpi.runtime.migrations.Migrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Kafka and ClickHouse for one benchmark run: FPI_KAFKA_BOOTSTRAP / FPI_CLICKHOUSE_URL when set,
 * else a fresh embedded broker and clickhouse-server in a temporary directory (never the demo's
 * {@code .fpi}, so a benchmark neither reads nor disturbs demo data). Everything the run creates
 * (topics, the scratch database {@code fpi_bench_<id>}, the temporary directory) is removed on
 * {@link #close()}.
 */
final class BenchServices implements AutoCloseable {
    private final Path dir;
    private final LocalClickHouse ownedClickHouse;
    private final EmbeddedKafka ownedKafka;
    private final ClickHouseEndpoint clickHouse;
    private final String bootstrap;
    private final String runId;
    private final List<String> topics = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    // Ctrl-C or SIGTERM in the middle of a run must not leave a clickhouse-server behind
    private final Thread shutdownHook = new Thread(this::release, "fpi-bench-shutdown");

    private BenchServices(Path dir, LocalClickHouse ch, EmbeddedKafka kafka, ClickHouseEndpoint endpoint, String bootstrap) {
        this.dir = dir;
        this.ownedClickHouse = ch;
        this.ownedKafka = kafka;
        this.runId = Long.toString(System.currentTimeMillis() / 1000, 36);
        this.clickHouse = new ClickHouseEndpoint(endpoint.url(), "fpi_bench_" + runId, endpoint.user(), endpoint.password());
        this.bootstrap = bootstrap;
    }

    static BenchServices start(Env env) throws IOException {
        Path dir = Files.createTempDirectory("fpi-bench-");
        LocalClickHouse ch = null;
        EmbeddedKafka kafka = null;
        try {
            String url = env.getOrNull("FPI_CLICKHOUSE_URL");
            ClickHouseEndpoint endpoint;
            if (url != null) {
                endpoint = ClickHouseEndpoint.fromEnv(env, url);
            } else {
                ch = LocalClickHouse.start(dir.resolve("clickhouse"));
                endpoint = ch.endpoint();
            }
            String bootstrap = env.getOrNull("FPI_KAFKA_BOOTSTRAP");
            if (bootstrap == null) {
                kafka = EmbeddedKafka.start(dir.resolve("kafka"));
                bootstrap = kafka.bootstrapServers();
            }
            BenchServices services = new BenchServices(dir, ch, kafka, endpoint, bootstrap);
            Runtime.getRuntime().addShutdownHook(services.shutdownHook);
            return services;
        } catch (RuntimeException e) {
            if (kafka != null) {
                kafka.close();
            }
            if (ch != null) {
                ch.close();
            }
            deleteRecursively(dir);
            throw e;
        }
    }

    Path dir() {
        return dir;
    }

    String kafkaBootstrap() {
        return bootstrap;
    }

    /** The scratch database every ClickHouse stage writes into. */
    ClickHouseEndpoint clickHouse() {
        return clickHouse;
    }

    ClickHouseClient client() {
        return new ClickHouseClient(clickHouse);
    }

    String runId() {
        return runId;
    }

    boolean localClickHouse() {
        return ownedClickHouse != null;
    }

    boolean localKafka() {
        return ownedKafka != null;
    }

    /** Pids of the local helper processes, for CPU accounting. */
    Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (ownedClickHouse != null) {
            pids.put("clickhouse", ownedClickHouse.pid());
        }
        if (ownedKafka != null) {
            pids.put("kafka", ownedKafka.pid());
        }
        return pids;
    }

    /** Drops and re-creates the scratch database with FPI's tables, so each run writes into empty tables. */
    void recreateDatabase() {
        ClickHouseClient c = client();
        c.executeWithoutDatabase("DROP DATABASE IF EXISTS " + clickHouse.database());
        Migrations.apply(c);
    }

    /** A topic unique to this run, removed again on close. */
    String createTopic(String prefix, int partitions) {
        return createTopic(prefix, partitions, Map.of());
    }

    /** The same with topic configs. */
    String createTopic(String prefix, int partitions, Map<String, String> configs) {
        String name = prefix + "." + runId;
        if (ownedKafka != null && configs.isEmpty()) {
            ownedKafka.createTopic(name, partitions);
        } else {
            try (Admin admin = admin()) {
                admin.createTopics(List.of(new NewTopic(name, partitions, (short) -1).configs(configs))).all().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("could not create topic " + name + " on " + bootstrap + ": " + e, e);
            }
        }
        topics.add(name);
        return name;
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return Admin.create(p);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyExiting) {
            // the hook is running and releases everything
        }
        release();
    }

    private void release() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            client().executeWithoutDatabase("DROP DATABASE IF EXISTS " + clickHouse.database());
        } catch (RuntimeException e) {
            // best effort: a local server and its directory go away below anyway
        }
        if (ownedKafka == null && !topics.isEmpty()) {
            try (Admin admin = admin()) {
                admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // best effort on an external cluster
            }
        }
        if (ownedKafka != null) {
            ownedKafka.close();
        }
        if (ownedClickHouse != null) {
            ownedClickHouse.close();
        }
        deleteRecursively(dir);
    }

    static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a file still held open (e.g. RocksDB's on a slow shutdown): leave it to tmp cleaning
                }
            });
        } catch (IOException e) {
            // same
        }
    }
}
