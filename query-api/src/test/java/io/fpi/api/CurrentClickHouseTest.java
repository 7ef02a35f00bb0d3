package io.fpi.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fpi.api.health.KafkaProbe;
import io.fpi.api.routes.ApiRoute;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import io.fpi.runtime.local.FreePorts;
import io.fpi.runtime.migrations.Migrations;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The migrations, the fixtures' inserts and every GET route against a current ClickHouse (the
 * release production runs), where Docker exists; every other test uses the local 18.16 binary, so
 * together they hold the rule that every statement works on both. Skipped without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class CurrentClickHouseTest {
    static final String IMAGE = System.getProperty("fpi.clickhouse.image", "clickhouse/clickhouse-server:24.8");
    static final ObjectMapper JSON = new ObjectMapper();

    @Container
    static final GenericContainer<?> CLICKHOUSE = new GenericContainer<>(DockerImageName.parse(IMAGE))
            .withEnv("CLICKHOUSE_USER", "fpi").withEnv("CLICKHOUSE_PASSWORD", "fpi-test")
            .withEnv("CLICKHOUSE_DB", "fpi")
            .withExposedPorts(8123)
            .waitingFor(Wait.forHttp("/ping").forPort(8123).forStatusCode(200))
            .withStartupTimeout(Duration.ofMinutes(3));

    static QueryApiApp app;
    static KafkaProbe kafka;
    static HttpCalls http;

    @BeforeAll
    static void load() {
        String url = "http://" + CLICKHOUSE.getHost() + ":" + CLICKHOUSE.getMappedPort(8123);
        ClickHouseClient ch = new ClickHouseClient(new ClickHouseEndpoint(url, "fpi", "fpi", "fpi-test"));
        Migrations.apply(ch);
        Migrations.apply(ch); // idempotent on this release too
        Fixtures.insert(ch);
        KpiFixtures.insert(ch);
        FindingFixtures.insert(ch);
        ProcessFixtures.insert(ch);
        kafka = new KafkaProbe("127.0.0.1:" + FreePorts.pick(), Duration.ofSeconds(1));
        app = new QueryApiApp(ch, kafka, ApiConfig.defaults()).start("127.0.0.1", 0);
        http = new HttpCalls(app.port());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void every_get_route_answers_on_current_clickhouse() {
        Map<String, String> required = Map.of("dataset", ProcessFixtures.PROC, "metric", "orders_placed");
        for (ApiRoute r : app.routes()) {
            if (!r.method().name().equals("GET") || r.path().contains("{") || r.path().equals("/api/health")) {
                continue;
            }
            StringBuilder q = new StringBuilder();
            r.doc().params().stream().filter(p -> p.required() && p.in().equals("query"))
                    .forEach(p -> q.append(q.length() == 0 ? "?" : "&").append(p.name()).append('=').append(required.get(p.name())));
            HttpCalls.Reply reply = http.call("GET", r.path() + q, null, null);
            assertThat(reply.status()).as("GET %s%s: %s", r.path(), q, reply.body()).isEqualTo(200);
        }
    }

    @Test
    void process_mining_gives_the_same_figures_as_on_18_16() throws Exception {
        JsonNode dfg = JSON.readTree(http.call("GET", "/api/process/dfg?dataset=proc", null, null).body());
        assertThat(java.util.List.of(dfg.get("cases").asLong(), dfg.get("events").asLong(), dfg.get("activities").asLong(),
                dfg.get("variants").asLong(), dfg.get("dfg_edges").asLong(), dfg.get("top_variant_cases").asLong()))
                .containsExactly(6L, 16L, 3L, 3L, 4L, 3L);
    }

    @Test
    void a_trace_and_the_findings_read_back_on_current_clickhouse() throws Exception {
        JsonNode findings = JSON.readTree(http.call("GET", "/api/findings?limit=100", null, null).body()).get("findings");
        assertThat(findings).isNotEmpty();
        assertThat(findings.findValuesAsText("finding_id")).doesNotHaveDuplicates();
    }
}
