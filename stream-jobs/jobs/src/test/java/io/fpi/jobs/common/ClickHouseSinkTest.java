package io.fpi.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.jobs.traces.TraceTestBase;
import io.fpi.jobs.traces.functions.TraceRows;
import io.fpi.jobs.traces.records.EventRowEncoder;
import io.fpi.jobs.traces.records.TraceRow;
import io.fpi.jobs.traces.records.TraceRowEncoder;
import io.fpi.jobs.traces.records.TraceState;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.local.LocalClickHouse;
import io.fpi.runtime.migrations.Migrations;
import io.fpi.schemas.FulfillmentEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.metrics.groups.InternalSinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The ClickHouse sink against a real clickhouse-server with FPI's migrations applied. */
class ClickHouseSinkTest extends TraceTestBase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path dir;
    static LocalClickHouse server;
    static ClickHouseClient client;

    @BeforeAll
    static void startClickHouse() {
        server = LocalClickHouse.start(dir.resolve("clickhouse"));
        client = server.client();
        Migrations.apply(client);
    }

    @AfterAll
    static void stopClickHouse() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void rows_written_by_a_flink_job_read_back_column_for_column_and_replays_collapse_under_final() throws Exception {
        String dataset = "sink-job";
        FulfillmentEvent placed = FulfillmentEvent.newBuilder(orderPlaced("o1", T0)).setDataset(dataset)
                .setAttributes(Map.of("z-key", "last", "a-key", "first")).setSequence(5L)
                .setErrorReason("quote \" backslash \\ newline \n tab \t ünï ✓ 'sql'").build();
        FulfillmentEvent farFuture = FulfillmentEvent.newBuilder(picked("o1", Instant.parse("2199-12-31T23:00:00Z").toEpochMilli()))
                .setDataset(dataset).build();
        List<FulfillmentEvent> events = List.of(placed, farFuture, placed, placed); // replays of the same event

        TraceState state = new TraceState();
        List<TraceRow> traces = new ArrayList<>();
        for (FulfillmentEvent e : List.of(placed, picked("o1", T0_PLUS_1H), delivered("o1", T0_PLUS_1D))) {
            state.add(e, Hashes.eventId(e.getEventId()));
            traces.add(TraceRows.of(dataset, "o1", state));
        }
        TraceRow finalRow = traces.get(2);
        finalRow.variantHash = -2L; // exercise the top bit of UInt64
        List<TraceRow> written = List.of(traces.get(0), traces.get(1), finalRow, traces.get(1), finalRow);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        ClickHouseSink.Settings settings = ClickHouseSink.Settings.defaults().withBatching(2, Duration.ofMillis(200));
        env.fromData(events, FulfillmentEventTypeInfo.INSTANCE)
                .sinkTo(new ClickHouseSink<>(server.endpoint(), EventRowEncoder.TABLE, new EventRowEncoder(), settings));
        env.fromData(written, TypeInformation.of(TraceRow.class))
                .sinkTo(new ClickHouseSink<>(server.endpoint(), TraceRowEncoder.TABLE, new TraceRowEncoder(), settings));
        env.execute("clickhouse-sink-test");

        List<JsonNode> eventRows = client.query("SELECT * FROM events FINAL WHERE dataset = 'sink-job' ORDER BY event_time_ms");
        assertThat(eventRows).hasSize(2);
        JsonNode e = eventRows.get(0);
        assertThat(e.get("event_id").asText()).isEqualTo(placed.getEventId());
        assertThat(e.get("event_time_ms").asLong()).isEqualTo(T0);
        assertThat(e.get("event_date").asText()).isEqualTo("2025-03-03");
        assertThat(e.get("channel").asText()).isEqualTo("WEB");
        assertThat(e.get("node_id").asText()).isEmpty();
        assertThat(e.get("promised_by_ms").asLong()).isEqualTo(T0_PLUS_2D);
        assertThat(e.get("units_ordered").asInt()).isEqualTo(2);
        assertThat(e.get("units_fulfilled").isNull()).isTrue();
        assertThat(e.get("amount_minor").asLong()).isEqualTo(4_999L);
        assertThat(e.get("cost_minor").isNull()).isTrue();
        assertThat(e.get("currency").asText()).isEqualTo("EUR");
        assertThat(e.get("error_reason").asText()).isEqualTo(placed.getErrorReason());
        assertThat(texts(e.get("attr_keys"))).containsExactly("a-key", "z-key");
        assertThat(texts(e.get("attr_values"))).containsExactly("first", "last");
        assertThat(e.get("sequence").asLong()).isEqualTo(5L);
        assertThat(eventRows.get(1).get("event_time_ms").asLong()).isEqualTo(farFuture.getEventTime());
        assertThat(eventRows.get(1).get("event_date").asText()).as("clamped to the Date range").isEqualTo("2105-12-31");

        List<JsonNode> traceRows = client.query("SELECT * FROM traces FINAL WHERE dataset = 'sink-job'");
        assertThat(traceRows).hasSize(1);
        JsonNode t = traceRows.get(0);
        assertThat(t.get("version").asLong()).isEqualTo(3);
        assertThat(t.get("status").asText()).isEqualTo("completed");
        assertThat(t.get("placed_at_ms").asLong()).isEqualTo(T0);
        assertThat(t.get("last_event_ms").asLong()).isEqualTo(T0_PLUS_1D);
        assertThat(t.get("completed_at_ms").asLong()).isEqualTo(T0_PLUS_1D);
        assertThat(t.get("cycle_time_ms").asLong()).isEqualTo(finalRow.cycleTimeMs);
        assertThat(t.get("event_count").asInt()).isEqualTo(3);
        assertThat(t.get("channel").asText()).isEqualTo("WEB");
        assertThat(t.get("fulfillment_type").asText()).isEqualTo("SHIP_TO_HOME");
        assertThat(t.get("promised_by_ms").asLong()).isEqualTo(T0_PLUS_2D);
        assertThat(t.get("units_ordered").asInt()).isEqualTo(2);
        assertThat(t.get("units_fulfilled").asInt()).isEqualTo(2);
        assertThat(t.get("current_stage").asText()).isEmpty();
        assertThat(t.get("last_activity").asText()).isEqualTo("DELIVERED");
        assertThat(t.get("variant").asText()).isEqualTo("ORDER_PLACED > PICKED > DELIVERED");
        assertThat(t.get("variant_hash").asText()).isEqualTo(Long.toUnsignedString(-2L));
        assertThat(texts(t.get("activities"))).containsExactly(finalRow.activities);
        assertThat(longs(t.get("activity_times_ms"))).containsExactly(box(finalRow.activityTimesMs));
        assertThat(texts(t.get("stage_names"))).containsExactly(finalRow.stageNames);
        assertThat(longs(t.get("stage_start_ms"))).containsExactly(box(finalRow.stageStartMs));
        assertThat(longs(t.get("stage_durations_ms"))).containsExactly(box(finalRow.stageDurationsMs));
        assertThat(texts(t.get("handoff_from"))).containsExactly(finalRow.handoffFrom);
        assertThat(texts(t.get("handoff_to"))).containsExactly(finalRow.handoffTo);
        assertThat(longs(t.get("handoff_latency_ms"))).containsExactly(box(finalRow.handoffLatencyMs));
    }

    @Test
    void rows_wait_until_the_batch_is_full_or_the_flush_interval_passes() throws Exception {
        TestProcessingTimeService time = new TestProcessingTimeService();
        ClickHouseSinkWriter<FulfillmentEvent> writer = writer("events",
                ClickHouseSink.Settings.defaults().withBatching(3, Duration.ofSeconds(1)), time);

        writer.write(event("batch", 1), null);
        writer.write(event("batch", 2), null);
        assertThat(countEvents("batch")).isZero();

        writer.write(event("batch", 3), null);
        assertThat(countEvents("batch")).as("the third row fills the batch").isEqualTo(3);

        writer.write(event("batch", 4), null);
        assertThat(countEvents("batch")).isEqualTo(3);
        time.advance(1_000);
        assertThat(countEvents("batch")).as("the flush interval passed").isEqualTo(4);
        writer.close();
    }

    @Test
    void flush_before_a_checkpoint_inserts_everything_buffered() throws Exception {
        ClickHouseSinkWriter<FulfillmentEvent> writer = writer("events", ClickHouseSink.Settings.defaults(), new TestProcessingTimeService());
        writer.write(event("flush", 1), null);
        writer.write(event("flush", 2), null);

        writer.flush(false);

        assertThat(countEvents("flush")).isEqualTo(2);
        writer.close();
    }

    @Test
    void a_batch_that_keeps_failing_fails_the_task_after_its_retries() throws Exception {
        ClickHouseSinkWriter<FulfillmentEvent> writer = writer("no_such_table",
                ClickHouseSink.Settings.defaults().withRetries(3, Duration.ofMillis(1)), new TestProcessingTimeService());
        writer.write(event("fail", 1), null);

        assertThatThrownBy(() -> writer.flush(false)).isInstanceOf(IOException.class).hasMessageContaining("failed 3 times");
        writer.close();
    }

    @Test
    void a_failing_insert_is_retried_until_clickhouse_accepts_it() throws Exception {
        client.execute("DROP TABLE IF EXISTS events_retry");
        ClickHouseSinkWriter<FulfillmentEvent> writer = writer("events_retry",
                ClickHouseSink.Settings.defaults().withRetries(10, Duration.ofMillis(100)), new TestProcessingTimeService());
        writer.write(event("retry", 1), null);
        // the table appears only while the writer is already retrying
        CompletableFuture<Void> create = CompletableFuture.runAsync(
                () -> client.execute("CREATE TABLE events_retry AS events"),
                CompletableFuture.delayedExecutor(400, TimeUnit.MILLISECONDS));

        writer.flush(false);

        create.get();
        assertThat(client.queryOne("SELECT count() AS n FROM events_retry").get("n").asInt()).isEqualTo(1);
        writer.close();
    }

    private static ClickHouseSinkWriter<FulfillmentEvent> writer(String table, ClickHouseSink.Settings settings,
                                                                TestProcessingTimeService time) {
        return new ClickHouseSinkWriter<>(client, table, new EventRowEncoder(), settings, time,
                InternalSinkWriterMetricGroup.wrap(UnregisteredMetricGroups.createUnregisteredOperatorMetricGroup()));
    }

    private static FulfillmentEvent event(String dataset, int n) {
        return FulfillmentEvent.newBuilder(picked("o" + n, T0 + n)).setDataset(dataset).build();
    }

    private static int countEvents(String dataset) {
        return client.queryOne("SELECT count() AS n FROM events WHERE dataset = '" + dataset + "'").get("n").asInt();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }

    private static Long[] box(long[] values) {
        return java.util.Arrays.stream(values).boxed().toArray(Long[]::new);
    }
}
