package io.fpi.api;

import io.fpi.api.health.KafkaProbe;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.local.FreePorts;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tests that write rows of their own (paging, caches, CSV): their own database on the shared fixture
 * server, so nothing they insert shows up in the other tests' answers, and their own app over it.
 */
@ExtendWith(FixtureClickHouse.class)
abstract class IsolatedApiTestBase {
    static QueryApiApp app;
    static KafkaProbe kafka;
    static Api api;
    static ClickHouseClient db;

    static ClickHouseClient startAppOver(String database) {
        db = FixtureClickHouse.isolatedDatabase(database);
        kafka = new KafkaProbe("127.0.0.1:" + FreePorts.pick(), Duration.ofSeconds(2));
        app = new QueryApiApp(db, kafka, ApiConfig.defaults().withClock(Clock.fixed(Fixtures.T0_PLUS_4H, ZoneOffset.UTC)))
                .start("127.0.0.1", 0);
        api = new Api(app.port());
        return db;
    }

    static void insert(String table, List<String> jsonRows) {
        db.insertJsonEachRow(table, (String.join("\n", jsonRows) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static void traces(TraceRowBuilder... rows) {
        insert("traces", java.util.Arrays.stream(rows).map(TraceRowBuilder::json).toList());
    }

    @AfterAll
    static void stopApp() {
        app.stop();
        kafka.close();
    }
}
