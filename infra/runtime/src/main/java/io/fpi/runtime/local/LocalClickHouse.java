package io.fpi.runtime.local;

import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A clickhouse-server child process over a data directory of ours, on free loopback ports. Used when
 * FPI_CLICKHOUSE_URL is not set (the local demo and the tests). The config is written fresh at each
 * start so the only state kept across runs is the data itself.
 *
 * <p>A running instance records its HTTP port and pid in {@code server.port}/{@code server.pid} in
 * its directory, so that another FPI process (e.g. {@code bin/fpi stats} while the demo runs) can
 * reuse it with {@link #findRunning(Path)} instead of starting a second server on the same data.
 */
public final class LocalClickHouse implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalClickHouse.class);
    private static final List<String> BINARY_CANDIDATES = List.of("clickhouse-server", "/usr/sbin/clickhouse-server",
            "/usr/bin/clickhouse-server");

    /** How long a stop waits for a graceful exit before SIGKILL (see {@link #stopProcess()}). */
    static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private final Path dir;
    private final Process process;
    private final int httpPort;

    private LocalClickHouse(Path dir, Process process, int httpPort) {
        this.dir = dir;
        this.process = process;
        this.httpPort = httpPort;
    }

    /** Starts a server over {@code dir} (created if missing) and waits until it answers queries. */
    public static LocalClickHouse start(Path dir) {
        String binary = findBinary().orElseThrow(() -> new IllegalStateException(
                "clickhouse-server not found on PATH or in /usr/sbin. Install it (apt-get install -y clickhouse-server)"
                        + " or set FPI_CLICKHOUSE_URL to an existing ClickHouse."));
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return startOnce(binary, dir.toAbsolutePath());
            } catch (IllegalStateException e) {
                last = e; // most likely a port taken between pick and bind; try other ports
                LOG.warn("clickhouse-server did not start (attempt {}): {}", attempt + 1, e.getMessage());
            }
        }
        throw last;
    }

    /** The endpoint of a server another FPI process started over {@code dir}, if it still answers. */
    public static Optional<ClickHouseEndpoint> findRunning(Path dir) {
        Path portFile = dir.resolve("server.port");
        if (!Files.isRegularFile(portFile)) {
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(Files.readString(portFile).strip());
            ClickHouseEndpoint ep = ClickHouseEndpoint.of("http://127.0.0.1:" + port);
            return new ClickHouseClient(ep, Duration.ofSeconds(2)).ping() ? Optional.of(ep) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public static Optional<String> findBinary() {
        for (String candidate : BINARY_CANDIDATES) {
            if (candidate.startsWith("/")) {
                if (Files.isExecutable(Path.of(candidate))) {
                    return Optional.of(candidate);
                }
                continue;
            }
            String path = System.getenv().getOrDefault("PATH", "");
            for (String d : path.split(java.io.File.pathSeparator)) {
                if (!d.isEmpty() && Files.isExecutable(Path.of(d, candidate))) {
                    return Optional.of(Path.of(d, candidate).toString());
                }
            }
        }
        return Optional.empty();
    }

    private static LocalClickHouse startOnce(String binary, Path dir) {
        int http = FreePorts.pick();
        int tcp = FreePorts.pick();
        try {
            for (String sub : List.of("data", "tmp", "user_files", "format_schemas", "log")) {
                Files.createDirectories(dir.resolve(sub));
            }
            Path config = dir.resolve("config.xml");
            Files.writeString(config, config(dir, http, tcp), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("users.xml"), USERS, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(binary, "--config-file=" + config)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("log/stdout.log").toFile())
                    .start();
            LocalClickHouse server = new LocalClickHouse(dir, p, http);
            server.awaitReady(Duration.ofSeconds(60));
            Files.writeString(dir.resolve("server.port"), Integer.toString(http));
            Files.writeString(dir.resolve("server.pid"), Long.toString(p.pid()));
            LOG.info("local ClickHouse {} on http://127.0.0.1:{} (data in {})", server.client().version(), http, dir);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare ClickHouse directory " + dir, e);
        }
    }

    private void awaitReady(Duration timeout) {
        ClickHouseClient client = new ClickHouseClient(endpoint(), Duration.ofSeconds(2));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("clickhouse-server exited with " + process.exitValue()
                        + "; see " + dir.resolve("log"));
            }
            if (client.ping()) {
                return;
            }
            sleep(100);
        }
        stopProcess();
        throw new IllegalStateException("clickhouse-server did not answer within " + timeout + "; see " + dir.resolve("log"));
    }

    public ClickHouseEndpoint endpoint() {
        return ClickHouseEndpoint.of(url());
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public ClickHouseClient client() {
        return new ClickHouseClient(endpoint());
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(dir.resolve("server.port"));
            Files.deleteIfExists(dir.resolve("server.pid"));
        } catch (IOException e) {
            LOG.debug("could not remove ClickHouse port file", e);
        }
        stopProcess();
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM: clickhouse-server stops listening and shuts its tables down
        try {
            // After SIGTERM the server waits for every open HTTP connection to end, and an idle
            // keep-alive connection (our clients' HttpClient pools keep them) only ends after the
            // server's keep_alive_timeout (10 s in 18.16): a graceful stop took 10-20 s. Nothing is
            // lost by not waiting: an INSERT is acknowledged only once its part is on disk, and an
            // interrupted merge leaves a temporary part that the next start removes.
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.debug("clickhouse-server still running {} after SIGTERM (idle keep-alive connections); killing it", STOP_GRACE);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for ClickHouse", e);
        }
    }

    // 'yandex' is the root element 18.16 requires; current releases still accept it.
    private static String config(Path dir, int http, int tcp) {
        return """
                <?xml version="1.0"?>
                <yandex>
                  <logger><level>warning</level><log>%1$s/log/server.log</log><errorlog>%1$s/log/error.log</errorlog><size>20M</size><count>2</count></logger>
                  <http_port>%2$d</http_port>
                  <tcp_port>%3$d</tcp_port>
                  <listen_host>127.0.0.1</listen_host>
                  <path>%1$s/data/</path>
                  <tmp_path>%1$s/tmp/</tmp_path>
                  <user_files_path>%1$s/user_files/</user_files_path>
                  <format_schema_path>%1$s/format_schemas/</format_schema_path>
                  <users_config>%1$s/users.xml</users_config>
                  <default_profile>default</default_profile>
                  <default_database>default</default_database>
                  <mark_cache_size>268435456</mark_cache_size>
                  <max_concurrent_queries>100</max_concurrent_queries>
                </yandex>
                """.formatted(dir, http, tcp);
    }

    private static final String USERS = """
            <?xml version="1.0"?>
            <yandex>
              <profiles><default><max_memory_usage>4000000000</max_memory_usage><load_balancing>random</load_balancing></default></profiles>
              <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
              <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
            </yandex>
            """;
}
