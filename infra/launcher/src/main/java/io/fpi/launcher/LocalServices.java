package io.fpi.launcher;

import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import io.fpi.runtime.config.Env;
import io.fpi.runtime.local.EmbeddedKafka;
import io.fpi.runtime.local.LocalClickHouse;
import io.fpi.runtime.migrations.Migrations;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka and ClickHouse for a bin/fpi command: external ones when FPI_KAFKA_BOOTSTRAP /
 * FPI_CLICKHOUSE_URL are set, else the ones another FPI process already runs over the data
 * directory, else new local ones that this object owns and stops on {@link #close()}.
 */
final class LocalServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalServices.class);

    static final String EVENTS_TOPIC_DEFAULT = "fpi.events";
    static final String DLQ_TOPIC_DEFAULT = "fpi.events.dlq";

    private final LocalClickHouse ownedClickHouse;
    private final EmbeddedKafka ownedKafka;
    private final ClickHouseEndpoint clickHouse;
    private final String kafkaBootstrap;

    private LocalServices(LocalClickHouse ownedClickHouse, EmbeddedKafka ownedKafka, ClickHouseEndpoint clickHouse,
                          String kafkaBootstrap) {
        this.ownedClickHouse = ownedClickHouse;
        this.ownedKafka = ownedKafka;
        this.clickHouse = clickHouse;
        this.kafkaBootstrap = kafkaBootstrap;
    }

    /** Starts (or finds) both services, applies the ClickHouse migrations and creates the topics. */
    static LocalServices start(Env env, Path dataDir, Map<String, Integer> topics) {
        LocalClickHouse ownedCh = null;
        EmbeddedKafka ownedKafka = null;
        try {
            ClickHouseEndpoint ch;
            String url = env.getOrNull("FPI_CLICKHOUSE_URL");
            Optional<ClickHouseEndpoint> running = url == null ? LocalClickHouse.findRunning(dataDir.resolve("clickhouse")) : Optional.empty();
            if (url != null) {
                ch = ClickHouseEndpoint.fromEnv(env, url);
                LOG.info("ClickHouse: external {}", ch);
            } else if (running.isPresent()) {
                ch = running.get();
                LOG.info("ClickHouse: reusing the local server at {}", ch.url());
            } else {
                ownedCh = LocalClickHouse.start(dataDir.resolve("clickhouse"));
                ch = ownedCh.endpoint();
            }
            Migrations.apply(new ClickHouseClient(ch));

            String bootstrap = env.getOrNull("FPI_KAFKA_BOOTSTRAP");
            if (bootstrap != null) {
                LOG.info("Kafka: external {}", bootstrap);
            } else {
                Optional<String> runningKafka = EmbeddedKafka.findRunning(dataDir.resolve("kafka"));
                if (runningKafka.isPresent()) {
                    bootstrap = runningKafka.get();
                    LOG.info("Kafka: reusing the local broker at {}", bootstrap);
                } else {
                    ownedKafka = EmbeddedKafka.start(dataDir.resolve("kafka"));
                    bootstrap = ownedKafka.bootstrapServers();
                    LOG.info("Kafka: embedded broker at {}", bootstrap);
                }
            }
            if (ownedKafka != null) {
                ownedKafka.createTopics(topics);
            } else {
                Topics.ensure(bootstrap, topics);
            }
            return new LocalServices(ownedCh, ownedKafka, ch, bootstrap);
        } catch (RuntimeException e) {
            if (ownedKafka != null) {
                ownedKafka.close();
            }
            if (ownedCh != null) {
                ownedCh.close();
            }
            throw e;
        }
    }

    ClickHouseEndpoint clickHouse() {
        return clickHouse;
    }

    String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    @Override
    public void close() {
        if (ownedKafka != null) {
            ownedKafka.close();
        }
        if (ownedClickHouse != null) {
            ownedClickHouse.close();
        }
    }
}
