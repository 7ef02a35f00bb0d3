package io.fpi.api;

import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import io.fpi.runtime.local.LocalClickHouse;
import io.fpi.runtime.migrations.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real clickhouse-server, migrated and loaded with {@link Fixtures}, shared by every test class
 * of the run (starting one per class would cost seconds each). It lives in JUnit's root store,
 * which closes it, and deletes its directory, when the run ends.
 */
final class FixtureClickHouse implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(FixtureClickHouse.class);
    private static volatile Server server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = context.getRoot().getStore(NS).getOrComputeIfAbsent("server", k -> new Server(), Server.class);
    }

    static ClickHouseClient client() {
        return server.clickHouse.client();
    }

    /**
     * A client of another, freshly migrated database on the same server: for tests whose rows would
     * show up in the shared fixture's answers (every order list, every KPI without a dataset).
     */
    static ClickHouseClient isolatedDatabase(String database) {
        ClickHouseEndpoint shared = server.clickHouse.endpoint();
        ClickHouseClient client = new ClickHouseClient(new ClickHouseEndpoint(shared.url(), database, shared.user(),
                shared.password()));
        Migrations.apply(client);
        return client;
    }

    private static final class Server implements ExtensionContext.Store.CloseableResource {
        private final Path dir;
        private final LocalClickHouse clickHouse;

        Server() {
            try {
                dir = Files.createTempDirectory("fpi-query-api-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            clickHouse = LocalClickHouse.start(dir.resolve("clickhouse"));
            ClickHouseClient client = clickHouse.client();
            Migrations.apply(client);
            Fixtures.insert(client);
            KpiFixtures.insert(client);
            FindingFixtures.insert(client);
        }

        @Override
        public void close() throws IOException {
            clickHouse.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
