package io.fpi.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.api.health.KafkaProbe;
import io.fpi.runtime.local.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Health with every dependency up: the fixture ClickHouse and a real (embedded) Kafka broker. */
@ExtendWith(FixtureClickHouse.class)
class HealthWithKafkaTest {
    @TempDir
    static Path dir;
    static EmbeddedKafka broker;
    static KafkaProbe probe;
    static QueryApiApp app;
    static Api api;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafka.start(dir.resolve("kafka"));
        probe = new KafkaProbe(broker.bootstrapServers(), Duration.ofSeconds(2));
        app = new QueryApiApp(FixtureClickHouse.client(), probe, ApiConfig.defaults()).start("127.0.0.1", 0);
        api = new Api(app.port());
    }

    @AfterAll
    static void stop() {
        app.stop();
        probe.close();
        broker.close();
    }

    @Test
    void GET_health_gives_200_ok_with_versions_when_clickhouse_and_kafka_answer() {
        Api.Response r = api.get("/api/health");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode h = r.json();
        assertThat(h.get("status").asText()).isEqualTo("ok");
        assertThat(h.get("clickhouse").get("reachable").asBoolean()).isTrue();
        assertThat(h.get("clickhouse").get("version").asText()).isNotBlank();
        assertThat(h.get("kafka").get("reachable").asBoolean()).isTrue();
        assertThat(h.get("kafka").get("cluster_id").asText()).isNotBlank();
        assertThat(h.get("kafka").get("brokers").asInt()).isEqualTo(1);
        assertThat(h.get("kafka").get("client_version").asText()).isEqualTo("4.2.0");
        assertThat(h.get("kafka").get("error").isNull()).isTrue();
    }

    @Test
    void GET_health_stays_ok_across_repeated_checks() {
        // the probe keeps one Admin for its lifetime; later checks must not find it spent
        for (int i = 0; i < 3; i++) {
            assertThat(api.get("/api/health").status()).isEqualTo(200);
        }
    }
}
