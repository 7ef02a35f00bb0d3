package io.fpi.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.api.health.KafkaProbe;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import io.fpi.runtime.local.FreePorts;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Health and outages. The shared app's Kafka probe points at a port where nothing listens; a
 * second app points at a ClickHouse that is not there either.
 */
class HealthApiTest extends QueryApiTestBase {
    static QueryApiApp withoutClickHouse;
    static KafkaProbe probeOfThatApp;
    static Api apiWithoutClickHouse;

    @BeforeAll
    static void startAnAppWhoseClickHouseIsDown() {
        ClickHouseClient nowhere = new ClickHouseClient(ClickHouseEndpoint.of("http://127.0.0.1:" + FreePorts.pick()));
        probeOfThatApp = new KafkaProbe("127.0.0.1:" + FreePorts.pick(), Duration.ofSeconds(1));
        withoutClickHouse = new QueryApiApp(nowhere, probeOfThatApp, ApiConfig.defaults()).start("127.0.0.1", 0);
        apiWithoutClickHouse = new Api(withoutClickHouse.port());
    }

    @AfterAll
    static void stopIt() {
        withoutClickHouse.stop();
        probeOfThatApp.close();
    }

    @Test
    void GET_health_gives_503_when_kafka_is_unreachable_and_still_reports_clickhouse() {
        Api.Response r = api.get("/api/health");

        assertThat(r.status()).isEqualTo(503);
        JsonNode h = r.json();
        assertThat(h.get("status").asText()).isEqualTo("degraded");
        assertThat(h.get("clickhouse").get("reachable").asBoolean()).isTrue();
        assertThat(h.get("clickhouse").get("version").asText()).matches("\\d+\\.\\d+.*");
        assertThat(h.get("kafka").get("reachable").asBoolean()).isFalse();
        assertThat(h.get("kafka").get("client_version").asText()).isEqualTo("4.2.0");
        assertThat(h.get("kafka").get("error").asText()).isNotBlank();
    }

    @Test
    void GET_health_gives_503_when_clickhouse_is_down() {
        Api.Response r = apiWithoutClickHouse.get("/api/health");

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json().get("status").asText()).isEqualTo("degraded");
        assertThat(r.json().get("clickhouse").get("reachable").asBoolean()).isFalse();
        assertThat(r.json().get("clickhouse").get("version").isNull()).isTrue();
    }

    @Test
    void data_endpoints_give_503_json_without_internals_when_clickhouse_is_down() {
        for (String path : new String[] {"/api/orders", "/api/orders/o1/trace", "/api/kpis/summary",
                "/api/kpis/timeseries?metric=orders_placed"}) {
            Api.Response r = apiWithoutClickHouse.get(path);

            assertThat(r.status()).as(path).isEqualTo(503);
            assertThat(r.json().get("error").asText()).isEqualTo("unavailable");
            assertThat(r.json().get("message").asText()).contains("ClickHouse is unreachable")
                    .doesNotContain("127.0.0.1", "Exception");
        }
    }

    @Test
    void bad_parameters_are_refused_before_clickhouse_is_asked() {
        assertThat(apiWithoutClickHouse.get("/api/orders?limit=0").status()).isEqualTo(400);
    }
}
