package io.fpi.api;

import io.fpi.api.health.KafkaProbe;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.local.FreePorts;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Process-mining tests: their own database on the shared fixture server (their traces must not show
 * up in the order lists and KPIs of the other tests) and their own app over it.
 */
@ExtendWith(FixtureClickHouse.class)
abstract class ProcessTestBase {
    static QueryApiApp app;
    static KafkaProbe kafka;
    static Api api;

    static ClickHouseClient startAppOver(String database) {
        ClickHouseClient client = FixtureClickHouse.isolatedDatabase(database);
        kafka = new KafkaProbe("127.0.0.1:" + FreePorts.pick(), Duration.ofSeconds(2));
        app = new QueryApiApp(client, kafka, ApiConfig.defaults().withClock(Clock.fixed(Fixtures.T0_PLUS_4H, ZoneOffset.UTC)))
                .start("127.0.0.1", 0);
        api = new Api(app.port());
        return client;
    }

    @AfterAll
    static void stopApp() {
        app.stop();
        kafka.close();
    }
}
