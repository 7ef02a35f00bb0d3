package io.fpi.api.health;

import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import io.fpi.runtime.clickhouse.ClickHouseException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Checks ClickHouse and Kafka side by side, each with its own short deadline, so a health check
 * answers within about one timeout even when both dependencies hang.
 */
public final class HealthService {
    private final ClickHouseClient clickHouse;
    private final KafkaProbe kafka;

    /** Uses its own ClickHouse client with {@code timeout}: the query client may wait far longer. */
    public HealthService(ClickHouseEndpoint clickHouse, KafkaProbe kafka, Duration timeout) {
        this.clickHouse = new ClickHouseClient(clickHouse, timeout);
        this.kafka = kafka;
    }

    public HealthReport check() {
        CompletableFuture<KafkaHealth> kafkaHealth = kafka.probe(); // runs on the Admin's own thread
        ClickHouseHealth clickHouseHealth = clickHouse();
        return HealthReport.of(clickHouseHealth, kafkaHealth.join());
    }

    private ClickHouseHealth clickHouse() {
        try {
            return new ClickHouseHealth(true, clickHouse.version(), null);
        } catch (ClickHouseException e) {
            return new ClickHouseHealth(false, null, e.unreachable()
                    ? "unreachable at " + clickHouse.endpoint().url()
                    : "answered HTTP " + e.httpStatus());
        }
    }
}
