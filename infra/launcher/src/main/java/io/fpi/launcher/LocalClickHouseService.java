package io.fpi.launcher;

import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import io.fpi.runtime.config.Env;
import io.fpi.runtime.local.LocalClickHouse;
import io.fpi.runtime.migrations.Migrations;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ClickHouse for a command that needs nothing else (import, stats): the external one when
 * FPI_CLICKHOUSE_URL is set, else the local server a running demo (or another command) has over
 * the data directory, else a new local one that this object owns and stops on {@link #close()}.
 * The same rules as {@link LocalServices}, without starting a Kafka broker nobody would use.
 */
final class LocalClickHouseService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalClickHouseService.class);

    private final LocalClickHouse owned;
    private final ClickHouseEndpoint endpoint;

    private LocalClickHouseService(LocalClickHouse owned, ClickHouseEndpoint endpoint) {
        this.owned = owned;
        this.endpoint = endpoint;
    }

    /**
     * How long the JDK's HTTP client keeps an idle connection open, in seconds (default 1200). A
     * clickhouse-server we started waits for open connections when it is stopped, so with the
     * default its SIGTERM is ignored until LocalClickHouse gives up and kills it 20 s later. Read
     * once per JVM, when the first HTTP client starts, hence set before any.
     */
    static final String KEEPALIVE_PROPERTY = "jdk.httpclient.keepalive.timeout";

    /** Finds or starts ClickHouse and applies the migrations. */
    static LocalClickHouseService start(Env env, Path dataDir) {
        if (System.getProperty(KEEPALIVE_PROPERTY) == null) {
            System.setProperty(KEEPALIVE_PROPERTY, "2");
        }
        String url = env.getOrNull("FPI_CLICKHOUSE_URL");
        LocalClickHouseService service;
        if (url != null) {
            service = new LocalClickHouseService(null, ClickHouseEndpoint.fromEnv(env, url));
            LOG.debug("ClickHouse: external {}", service.endpoint);
        } else {
            Optional<ClickHouseEndpoint> running = LocalClickHouse.findRunning(dataDir.resolve("clickhouse"));
            if (running.isPresent()) {
                service = new LocalClickHouseService(null, running.get());
                LOG.debug("ClickHouse: reusing the local server at {}", running.get().url());
            } else {
                LocalClickHouse started = LocalClickHouse.start(dataDir.resolve("clickhouse"));
                service = new LocalClickHouseService(started, started.endpoint());
            }
        }
        try {
            Migrations.apply(service.client());
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    ClickHouseEndpoint endpoint() {
        return endpoint;
    }

    ClickHouseClient client() {
        return new ClickHouseClient(endpoint);
    }

    /** Whether this command started the server (and will stop it). */
    boolean owned() {
        return owned != null;
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }
}
