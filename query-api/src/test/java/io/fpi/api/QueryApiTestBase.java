package io.fpi.api;

import io.fpi.api.health.KafkaProbe;
import io.fpi.runtime.local.FreePorts;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts the real app on a free port over the shared fixture ClickHouse, with "now" pinned to
 * {@link #NOW} and a real Kafka probe aimed at a port where no broker listens.
 */
@ExtendWith(FixtureClickHouse.class)
abstract class QueryApiTestBase {
    static final java.time.Instant NOW = Fixtures.T0_PLUS_4H;

    static QueryApiApp app;
    static KafkaProbe kafka;
    static Api api;

    @BeforeAll
    static void startApp() {
        kafka = new KafkaProbe("127.0.0.1:" + FreePorts.pick(), Duration.ofSeconds(2));
        app = new QueryApiApp(FixtureClickHouse.client(), kafka,
                ApiConfig.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC))).start("127.0.0.1", 0);
        api = new Api(app.port());
    }

    @AfterAll
    static void stopApp() {
        app.stop();
        kafka.close();
    }
}
