package io.fpi.webhooks;

import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import io.fpi.runtime.local.EmbeddedKafka;
import io.fpi.runtime.local.LocalClickHouse;
import io.fpi.runtime.migrations.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real clickhouse-server and one embedded Kafka broker for the whole test run (starting them
 * per class would cost many seconds each). Each test class takes its own database and topic, so
 * classes never see each other's subscriptions or findings. JUnit's root store closes both when
 * the run ends.
 */
public final class SharedServices implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SharedServices.class);
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static volatile Services services;

    @Override
    public void beforeAll(ExtensionContext context) {
        services = context.getRoot().getStore(NS).getOrComputeIfAbsent("services", k -> new Services(), Services.class);
    }

    /** A fresh, migrated database on the shared server. */
    public static ClickHouseClient freshDatabase(String prefix) {
        String db = prefix + "_" + NEXT.incrementAndGet();
        ClickHouseClient client = new ClickHouseClient(new ClickHouseEndpoint(services.clickHouse.url(), db, null, null));
        Migrations.apply(client);
        return client;
    }

    public static String kafkaBootstrap() {
        return services.kafka.bootstrapServers();
    }

    /** A new topic with a name unique to this run. */
    public static String freshTopic(String prefix, int partitions) {
        String topic = prefix + "." + NEXT.incrementAndGet();
        services.kafka.createTopic(topic, partitions);
        return topic;
    }

    private static final class Services implements ExtensionContext.Store.CloseableResource {
        final Path dir;
        final LocalClickHouse clickHouse;
        final EmbeddedKafka kafka;

        Services() {
            try {
                dir = Files.createTempDirectory("fpi-webhooks-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            clickHouse = LocalClickHouse.start(dir.resolve("clickhouse"));
            kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        }

        @Override
        public void close() throws IOException {
            kafka.close();
            clickHouse.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
