package io.fpi.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fpi.api.ApiConfig;
import io.fpi.api.QueryApiApp;
import io.fpi.api.health.KafkaProbe;
import io.fpi.detection.job.FpiJob;
import io.fpi.jobs.traces.TraceJobConfig;
import io.fpi.runtime.config.Env;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.local.EmbeddedKafka;
import io.fpi.runtime.local.LocalClickHouse;
import io.fpi.runtime.migrations.Migrations;
import io.fpi.schemas.CanonicalActivity;
import io.fpi.simulator.SimulatorConfig;
import io.fpi.simulator.Simulator;
import io.fpi.simulator.truth.GroundTruth;
import io.fpi.simulator.truth.GroundTruthCollector;
import io.fpi.simulator.truth.MalformedTruth;
import io.fpi.simulator.truth.OrderTruth;
import io.fpi.simulator.truth.TruthEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on real services: the simulator publishes N orders (with duplicates,
 * out-of-order and malformed records) to an embedded Kafka broker, the trace job runs on a
 * MiniCluster at parallelism 2 into the local clickhouse-server, and the query API reads it back.
 * Expectations come from the simulator's ground truth, computed here independently of the job.
 */
class EndToEndTest {
    static final int ORDERS = 300;
    static final String DATASET = "e2e";
    static final String TOPIC = "fpi.events";
    static final String DLQ = "fpi.events.dlq";
    static final String FINDINGS = "fpi.findings";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static LocalClickHouse clickHouse;
    static ClickHouseClient ch;
    static EmbeddedKafka kafka;
    static GroundTruth truth;
    static JobClient job;
    static KafkaProbe probe;
    static QueryApiApp api;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void runPipeline() throws Exception {
        clickHouse = LocalClickHouse.start(dir.resolve("clickhouse"));
        ch = clickHouse.client();
        Migrations.apply(ch);
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        kafka.createTopics(Map.of(TOPIC, 2, DLQ, 1, FINDINGS, 2));

        SimulatorConfig sim = SimulatorConfig.builder()
                .dataset(DATASET).seed(2026).maxOrders(ORDERS).paced(false)
                .simStartMs(Instant.parse("2026-11-02T08:00:00Z").toEpochMilli())
                .duplicateRate(0.03).outOfOrderRate(0.05).malformedRate(0.01)
                .build();
        GroundTruthCollector collector = new GroundTruthCollector();
        Simulator.publish(sim, kafka.bootstrapServers(), TOPIC, collector, () -> false);
        truth = collector.groundTruth();

        TraceJobConfig config = TraceJobConfig.parse(new String[] {
                "--kafka.bootstrap", kafka.bootstrapServers(), "--consumer.group", "e2e",
                "--checkpoint.interval", "2s", "--clickhouse.flush.interval", "500ms"}, Map.of())
                .withClickHouse(clickHouse.endpoint());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
        FpiJob.build(env, config, new Env(Map.of()));
        job = env.executeAsync(FpiJob.JOB_NAME);
        awaitAllTraces();

        probe = new KafkaProbe(kafka.bootstrapServers(), Duration.ofSeconds(2));
        api = new QueryApiApp(ch, probe, ApiConfig.defaults()).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (api != null) {
            api.stop();
        }
        if (probe != null) {
            probe.close();
        }
        if (job != null) {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
        if (kafka != null) {
            kafka.close();
        }
        if (clickHouse != null) {
            clickHouse.close();
        }
    }

    private static void awaitAllTraces() throws InterruptedException {
        long expectedEvents = truth.orders().stream().mapToLong(o -> o.events().size()).sum();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            JsonNode row = ch.queryOne("SELECT count() AS orders, sum(event_count) AS events FROM traces FINAL WHERE dataset = 'e2e'");
            if (row.get("orders").asLong() == ORDERS && row.get("events").asLong() == expectedEvents) {
                return;
            }
            Thread.sleep(500);
        }
        // fall through: the assertions below say what is missing
    }

    @Test
    void the_simulation_contains_the_noise_the_job_must_handle() {
        assertThat(truth.orders()).hasSize(ORDERS);
        assertThat(truth.summary().duplicates()).isPositive();
        assertThat(truth.summary().outOfOrder()).isPositive();
        assertThat(truth.malformed()).isNotEmpty();
    }

    @Test
    void clickhouse_holds_exactly_one_complete_trace_per_simulated_order() {
        Map<String, JsonNode> rows = new HashMap<>();
        for (JsonNode r : ch.query("SELECT order_id, status, event_count, activities, stage_names, stage_durations_ms,"
                + " cycle_time_ms FROM traces FINAL WHERE dataset = 'e2e'")) {
            rows.put(r.get("order_id").asText(), r);
        }
        assertThat(rows).hasSize(ORDERS);
        for (OrderTruth o : truth.orders()) {
            JsonNode r = rows.get(o.orderId());
            assertThat(r).as(o.orderId()).isNotNull();
            List<TruthEvent> events = ordered(o);
            assertThat(r.get("status").asText()).as(o.orderId()).isEqualTo(o.finalStatus());
            assertThat(r.get("event_count").asInt()).as(o.orderId()).isEqualTo(events.size());
            assertThat(texts(r.get("activities"))).as(o.orderId())
                    .containsExactlyElementsOf(events.stream().map(TruthEvent::activity).toList());
            List<Stage> expectedStages = expectedStages(events);
            assertThat(texts(r.get("stage_names"))).as(o.orderId())
                    .containsExactlyElementsOf(expectedStages.stream().map(Stage::name).toList());
            assertThat(longs(r.get("stage_durations_ms"))).as(o.orderId())
                    .containsExactlyElementsOf(expectedStages.stream().map(Stage::durationMs).toList());
            if (o.completedAtMs() != null) {
                assertThat(r.get("cycle_time_ms").asLong()).as(o.orderId()).isEqualTo(o.completedAtMs() - o.placedAtMs());
            }
        }
    }

    @Test
    void the_full_job_writes_minute_kpis_that_count_every_order_once() throws InterruptedException {
        long placed = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            placed = ch.queryOne("SELECT sum(orders_placed) AS n FROM kpi_minute FINAL WHERE dataset = 'e2e'").get("n").asLong();
            if (placed == ORDERS) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(placed).isEqualTo(ORDERS);
        long cancelled = truth.orders().stream().filter(o -> o.finalStatus().equals("cancelled")).count();
        assertThat(ch.queryOne("SELECT sum(orders_cancelled) AS n FROM kpi_minute FINAL WHERE dataset = 'e2e'")
                .get("n").asLong()).isEqualTo(cancelled);
    }

    @Test
    void findings_in_clickhouse_are_the_findings_published_to_kafka() throws InterruptedException {
        Thread.sleep(3000); // let the last sink flush (1 s interval) land in both places
        long stored = ch.queryOne("SELECT count() AS n FROM findings FINAL WHERE dataset = 'e2e'").get("n").asLong();
        java.util.Set<String> published = new java.util.HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : consumeAll(FINDINGS, (int) stored, Duration.ofSeconds(20))) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            if (key.startsWith(DATASET + "/")) {
                published.add(key);
            }
        }
        assertThat(published).hasSize((int) stored);
    }

    @Test
    void raw_events_are_stored_once_each_despite_duplicates() {
        long expected = truth.orders().stream().mapToLong(o -> o.events().size()).sum();
        JsonNode row = ch.queryOne("SELECT count() AS n, uniqExact(event_id) AS ids FROM events FINAL WHERE dataset = 'e2e'");
        assertThat(row.get("n").asLong()).isEqualTo(expected);
        assertThat(row.get("ids").asLong()).isEqualTo(expected);
    }

    @Test
    void malformed_records_are_in_the_dead_letter_topic_with_their_reasons() {
        List<ConsumerRecord<byte[], byte[]>> dead = consumeAll(DLQ, truth.malformed().size(), Duration.ofSeconds(60));
        assertThat(dead).hasSize(truth.malformed().size());
        Map<String, Long> expected = new TreeMap<>();
        for (MalformedTruth m : truth.malformed()) {
            expected.merge(expectedReason(m.reason()), 1L, Long::sum);
        }
        Map<String, Long> actual = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            String reason = new String(r.headers().lastHeader("fpi-dlq-reason").value(), StandardCharsets.UTF_8);
            actual.merge(reason, 1L, Long::sum);
            assertThat(r.headers().lastHeader("fpi-dlq-detail")).isNotNull();
            assertThat(new String(r.headers().lastHeader("fpi-source-topic").value(), StandardCharsets.UTF_8)).isEqualTo(TOPIC);
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void the_api_lists_every_order_and_serves_its_trace_with_the_expected_stages() throws Exception {
        JsonNode list = get("/api/orders?limit=1000&dataset=e2e");
        assertThat(list.get("orders")).hasSize(ORDERS);
        Map<String, OrderTruth> byId = new HashMap<>();
        truth.orders().forEach(o -> byId.put(o.orderId(), o));
        List<JsonNode> sample = new ArrayList<>();
        list.get("orders").forEach(sample::add);
        for (JsonNode item : sample.subList(0, 40)) {
            String id = item.get("order_id").asText();
            OrderTruth o = byId.get(id);
            JsonNode trace = get("/api/orders/" + id + "/trace?dataset=e2e");
            List<TruthEvent> events = ordered(o);
            assertThat(trace.get("status").asText()).isEqualTo(o.finalStatus());
            assertThat(trace.get("events")).hasSize(events.size());
            for (int i = 0; i < events.size(); i++) {
                JsonNode e = trace.get("events").get(i);
                assertThat(e.get("activity").asText()).isEqualTo(events.get(i).activity());
                assertThat(Instant.parse(e.get("event_time").asText()).toEpochMilli()).isEqualTo(events.get(i).eventTimeMs());
                assertThat(e.get("source_system").asText()).isEqualTo(events.get(i).sourceSystem());
            }
            List<Stage> stages = new ArrayList<>();
            trace.get("stages").forEach(st -> stages.add(new Stage(st.get("stage").asText(), st.get("duration_ms").asLong())));
            assertThat(stages).as(id).containsExactlyElementsOf(expectedStages(events));
            assertThat(trace.get("variant").asText())
                    .isEqualTo(String.join(" > ", events.stream().map(TruthEvent::activity).toList()));
        }
        JsonNode summary = get("/api/kpis/summary?dataset=e2e&from=2026-10-01T00:00:00Z&to=2026-12-31T00:00:00Z");
        assertThat(summary.get("orders_placed").asLong()).isEqualTo(ORDERS);
        long cancelled = truth.orders().stream().filter(o -> o.finalStatus().equals("cancelled")).count();
        assertThat(summary.get("orders_cancelled").asLong()).isEqualTo(cancelled);
        assertThat(get("/api/orders/NO-SUCH-ORDER/trace").get("error").asText()).isEqualTo("not_found");
    }

    // --- expectations, computed from the ground truth without the job's code ---

    /** The job's order: event time, then the producer's sequence, then event id (the simulator's ids sort by step). */
    static List<TruthEvent> ordered(OrderTruth o) {
        return o.events().stream()
                .sorted(Comparator.comparingLong(TruthEvent::eventTimeMs).thenComparing(TruthEvent::eventId))
                .toList();
    }

    /** Stages: consecutive milestones (repeats merged), named "FROM -> TO", duration TO - FROM. */
    record Stage(String name, long durationMs) {}

    static List<Stage> expectedStages(List<TruthEvent> events) {
        List<TruthEvent> milestones = new ArrayList<>();
        for (TruthEvent e : events) {
            if (!CanonicalActivity.isMilestone(e.activity())) {
                continue;
            }
            if (!milestones.isEmpty() && milestones.get(milestones.size() - 1).activity().equals(e.activity())) {
                continue;
            }
            milestones.add(e);
        }
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i + 1 < milestones.size(); i++) {
            TruthEvent a = milestones.get(i);
            TruthEvent b = milestones.get(i + 1);
            stages.add(new Stage(a.activity() + " -> " + b.activity(), b.eventTimeMs() - a.eventTimeMs()));
        }
        return stages;
    }

    static String expectedReason(String simulatorReason) {
        return switch (simulatorReason) {
            case "BAD_MAGIC", "GARBAGE" -> "NOT_SINGLE_OBJECT_AVRO";
            case "TRUNCATED" -> "CORRUPT_BODY";
            case "EMPTY_ORDER_ID" -> "MISSING_FIELD";
            case "NON_POSITIVE_EVENT_TIME" -> "BAD_TIMESTAMP";
            default -> throw new AssertionError("unknown malformed kind " + simulatorReason);
        };
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    static List<ConsumerRecord<byte[], byte[]>> consumeAll(String topic, int expected, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-reader-" + topic);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(out::add);
                if (out.size() >= expected) {
                    // keep reading briefly: more records than expected must fail the test, not hide
                    c.poll(Duration.ofSeconds(2)).forEach(out::add);
                    break;
                }
            }
        }
        return out;
    }
}
