package io.fpi.detection.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.jobs.common.ClickHouseSink;
import io.fpi.jobs.common.FulfillmentEventTypeInfo;
import io.fpi.jobs.traces.TraceOutputs;
import io.fpi.jobs.traces.functions.TraceBuilder;
import io.fpi.jobs.traces.functions.TraceKeySelector;
import io.fpi.jobs.traces.records.TraceRow;
import io.fpi.jobs.traces.records.TraceRowEncoder;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.local.LocalClickHouse;
import io.fpi.runtime.migrations.Migrations;
import io.fpi.schemas.FulfillmentEvent;
import io.fpi.simulator.RecordKind;
import io.fpi.simulator.SimRecord;
import io.fpi.simulator.Simulator;
import io.fpi.simulator.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The simulated retailer (noise included: out-of-order and duplicate records) through the trace
 * builder and {@link KpiTopology#attach} into a real clickhouse-server, at parallelism 2. The
 * streamed minute table must agree with what the traces table and the distinct events say, per
 * hour and per dimension: the KPIs are the trace data, counted once.
 */
class KpiConsistencyTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String HOUR = "intDiv(%s, 3600000) * 3600000";
    private static final String DIMS = "channel, fulfillment_type, region, node_id";

    private static Path dir;
    private static LocalClickHouse server;
    private static ClickHouseClient ch;
    /** Distinct events by id, as the trace builder keeps them. */
    private static final Map<String, FulfillmentEvent> EVENTS = new LinkedHashMap<>();

    @BeforeAll
    static void runPipeline() throws Exception {
        dir = Files.createTempDirectory("fpi-kpi-consistency");
        server = LocalClickHouse.start(dir.resolve("clickhouse"));
        ch = server.client();
        Migrations.apply(ch);

        List<FulfillmentEvent> records = new ArrayList<>();
        SimulatorConfig config = SimulatorConfig.builder().seed(7).maxOrders(400).paced(false)
                .simStartMs(Instant.parse("2026-03-02T13:00:00Z").toEpochMilli()).build();
        for (Iterator<SimRecord> it = Simulator.records(config); it.hasNext(); ) {
            SimRecord r = it.next();
            if (r.kind() != RecordKind.MALFORMED) {
                records.add(r.event());
                EVENTS.putIfAbsent(r.event().getEventId(), r.event());
            }
        }
        assertThat(records.size()).as("duplicates are in the stream").isGreaterThan(EVENTS.size());

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        SingleOutputStreamOperator<TraceRow> traces = env.fromData(records, FulfillmentEventTypeInfo.INSTANCE)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<FulfillmentEvent>forBoundedOutOfOrderness(Duration.ofSeconds(30))
                        .withTimestampAssigner((e, t) -> e.getEventTime()))
                .keyBy(new TraceKeySelector())
                .process(new TraceBuilder(Duration.ofDays(2), Duration.ofDays(30)));
        ClickHouseSink.Settings sink = ClickHouseSink.Settings.defaults().withBatching(5_000, Duration.ofMillis(200));
        traces.sinkTo(new ClickHouseSink<>(server.endpoint(), TraceRowEncoder.TABLE, new TraceRowEncoder(), sink));
        TraceOutputs outputs = new TraceOutputs(traces.getSideOutput(TraceBuilder.EVENTS), traces,
                traces.getSideOutput(TraceBuilder.TOO_LATE), traces.getSideOutput(TraceBuilder.ORDER_CHANGES));
        // returns come hours after completion and flip the order to returned in its completion
        // minute: the lateness must cover them for the minute table to match the traces exactly
        KpiTopology.attach(outputs, null, server.endpoint(), sink, new KpiSettings(Duration.ofDays(2), Duration.ofDays(30)));
        env.execute("kpi-consistency-test");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** key columns joined with '|' -> value, skipping zeros (a minute whose facts all moved away). */
    private static Map<String, Long> map(String sql, String value, String... keys) {
        Map<String, Long> out = new TreeMap<>();
        for (JsonNode r : ch.query(sql)) {
            long v = r.get(value).asLong();
            if (v != 0) {
                List<String> k = new ArrayList<>();
                for (String key : keys) {
                    k.add(r.get(key).asText());
                }
                out.put(String.join("|", k), v);
            }
        }
        return out;
    }

    private static Map<String, Long> kpiPerHourAndDims(String expression) {
        return map("SELECT " + HOUR.formatted("minute_ms") + " AS h, " + DIMS + ", " + expression + " AS v"
                + " FROM kpi_minute FINAL GROUP BY h, " + DIMS, "v", "h", "channel", "fulfillment_type", "region", "node_id");
    }

    private static Map<String, Long> tracesPerHourAndDims(String time, String expression, String condition) {
        return map("SELECT " + HOUR.formatted(time) + " AS h, " + DIMS + ", " + expression + " AS v"
                + " FROM traces FINAL WHERE " + condition + " GROUP BY h, " + DIMS, "v", "h", "channel",
                "fulfillment_type", "region", "node_id");
    }

    private static long kpiTotal(String expression) {
        return ch.queryOne("SELECT " + expression + " AS v FROM kpi_minute FINAL").get("v").asLong();
    }

    private static long distinct(String activity) {
        return EVENTS.values().stream().filter(e -> e.getActivity().equals(activity)).count();
    }

    @Test
    void orders_placed_per_hour_and_dimensions_equal_the_traces() {
        Map<String, Long> traces = tracesPerHourAndDims("placed_at_ms", "count()", "1");

        assertThat(kpiPerHourAndDims("sum(orders_placed)")).isEqualTo(traces);
        assertThat(traces.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(400);
    }

    @Test
    void completions_cancellations_returns_and_cycle_times_per_hour_and_dimensions_equal_the_traces() {
        String completed = "status IN ('completed', 'returned')";
        assertThat(kpiPerHourAndDims("sum(orders_completed)"))
                .isEqualTo(tracesPerHourAndDims("completed_at_ms", "count()", completed)).isNotEmpty();
        assertThat(kpiPerHourAndDims("sum(cycle_count)")).isEqualTo(tracesPerHourAndDims("completed_at_ms", "count()", completed));
        assertThat(kpiPerHourAndDims("sum(cycle_sum_ms)"))
                .isEqualTo(tracesPerHourAndDims("completed_at_ms", "sum(cycle_time_ms)", completed));
        assertThat(kpiPerHourAndDims("sum(orders_cancelled)"))
                .isEqualTo(tracesPerHourAndDims("completed_at_ms", "count()", "status = 'cancelled'")).isNotEmpty();
        // a return counts in the minute of its refund: the first REFUND_ISSUED of the trace
        assertThat(kpiPerHourAndDims("sum(orders_returned)"))
                .isEqualTo(tracesPerHourAndDims("activity_times_ms[indexOf(activities, 'REFUND_ISSUED')]", "count()",
                        "status = 'returned'")).isNotEmpty();
    }

    @Test
    void units_of_ended_orders_per_hour_and_dimensions_equal_the_traces() {
        String ended = "status != 'open' AND isNotNull(units_ordered)";
        assertThat(kpiPerHourAndDims("sum(units_ordered)"))
                .isEqualTo(tracesPerHourAndDims("completed_at_ms", "sum(units_ordered)", ended));
        assertThat(kpiPerHourAndDims("sum(units_fulfilled)"))
                .isEqualTo(tracesPerHourAndDims("completed_at_ms", "sum(ifNull(units_fulfilled, 0))", ended));
    }

    @Test
    void event_facts_count_each_distinct_event_once() {
        assertThat(kpiTotal("sum(exceptions_raised)")).isEqualTo(distinct("EXCEPTION_RAISED")).isPositive();
        assertThat(kpiTotal("sum(inventory_syncs)")).isEqualTo(distinct("INVENTORY_SYNCED")).isPositive();
        assertThat(kpiTotal("sum(inventory_sync_mismatches)")).isEqualTo(distinct("INVENTORY_SYNC_MISMATCH"));
        Map<String, Long> failures = new TreeMap<>();
        EVENTS.values().stream().filter(e -> e.getActivity().equals("INTEGRATION_CALL_FAILED"))
                .forEach(e -> failures.merge(e.getSourceSystem(), 1L, Long::sum));
        assertThat(map("SELECT system, sum(n) AS failures FROM (SELECT integration_systems, integration_failures FROM"
                + " kpi_minute FINAL) ARRAY JOIN integration_systems AS system, integration_failures AS n GROUP BY system",
                "failures", "system")).isEqualTo(failures);
    }

    @Test
    void refunds_exception_resolutions_and_cost_equal_what_the_events_say() {
        Map<String, List<FulfillmentEvent>> byOrder = new HashMap<>();
        EVENTS.values().forEach(e -> byOrder.computeIfAbsent(e.getOrderId(), k -> new ArrayList<>()).add(e));
        long refunds = 0;
        long resolutions = 0;
        long resolutionMs = 0;
        for (List<FulfillmentEvent> events : byOrder.values()) {
            events.sort(Comparator.comparingLong(FulfillmentEvent::getEventTime)
                    .thenComparing(e -> !e.getActivity().equals("EXCEPTION_RAISED")));
            boolean returned = events.stream().anyMatch(e -> e.getActivity().equals("RETURN_INITIATED"));
            boolean refunded = events.stream().anyMatch(e -> e.getActivity().equals("REFUND_ISSUED"));
            refunds += returned && refunded ? 1 : 0;
            Map<String, Long> open = new HashMap<>();
            for (FulfillmentEvent e : events) {
                if (e.getActivity().equals("EXCEPTION_RAISED")) {
                    open.putIfAbsent(e.getErrorCode(), e.getEventTime());
                } else if (e.getActivity().equals("EXCEPTION_RESOLVED") && open.containsKey(e.getErrorCode())) {
                    resolutions++;
                    resolutionMs += e.getEventTime() - open.remove(e.getErrorCode());
                }
            }
        }
        assertThat(kpiTotal("sum(refunds)")).isEqualTo(refunds).isPositive();
        assertThat(kpiTotal("sum(exceptions_resolved)")).isEqualTo(resolutions).isPositive();
        assertThat(kpiTotal("sum(resolution_sum_ms)")).isEqualTo(resolutionMs);

        Map<String, Long> cost = new HashMap<>();
        EVENTS.values().stream().filter(e -> e.getCostMinor() != null).forEach(e -> cost.merge(e.getOrderId(), e.getCostMinor(), Long::sum));
        long costOrders = 0;
        long costMinor = 0;
        for (JsonNode r : ch.query("SELECT order_id FROM traces FINAL WHERE status IN ('completed', 'returned')")) {
            Long c = cost.get(r.get("order_id").asText());
            if (c != null) {
                costOrders++;
                costMinor += c;
            }
        }
        assertThat(kpiTotal("sum(cost_orders)")).isEqualTo(costOrders).isPositive();
        assertThat(kpiTotal("sum(cost_minor)")).isEqualTo(costMinor);
    }
}
