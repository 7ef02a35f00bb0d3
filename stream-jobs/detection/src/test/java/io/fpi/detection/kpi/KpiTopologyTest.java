package io.fpi.detection.kpi;

import static io.fpi.detection.kpi.KpiEvents.atNode;
import static io.fpi.detection.kpi.KpiEvents.orderPlaced;
import static io.fpi.detection.kpi.KpiEvents.withCost;
import static io.fpi.detection.kpi.KpiEvents.withError;
import static io.fpi.detection.kpi.KpiEvents.withUnitsFulfilled;
import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.detection.kpi.records.KpiMinuteRow;
import io.fpi.detection.sla.SlaOutcome;
import io.fpi.jobs.common.FulfillmentEventTypeInfo;
import io.fpi.jobs.traces.functions.TraceBuilder;
import io.fpi.jobs.traces.functions.TraceKeySelector;
import io.fpi.jobs.traces.records.TraceRow;
import io.fpi.schemas.FulfillmentEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The KPI topology behind the trace builder on a real MiniCluster at parallelism 2, from a shuffled
 * finite stream with duplicates and a finite SLA outcome stream: the final row of every minute is
 * exactly what the scenario below gives by hand.
 */
class KpiTopologyTest extends KpiTestBase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final long MIN = 60_000;

    /**
     * <pre>
     * o1  placed T0 (2 units), sourced DC-01 T0+1m, BACKORDER raised T0+10m / resolved T0+40m,
     *     picked T0+1h (cost 300), packed T0+2h (cost 150), delivered T0+3h (2 units)
     * o2  placed T0+30s, sourced DC-01 T0+2m, cancelled T0+20m
     * o3  placed T0+5m, sourced DC-01 T0+6m, delivered T0+2h (1 unit), return T0+4h, refund T0+6h
     * o4  placed T0+1m, sourced DC-02 T0+2m, inventory synced T0+3m, mismatch T0+3m+1s, WMS call failed T0+4m
     * SLA o1 delivery met at T0+3h (DC-01), o2 missed at T0+20m (DC-01)
     * </pre>
     */
    static List<FulfillmentEvent> scenario() {
        List<FulfillmentEvent> events = new ArrayList<>(List.of(
                orderPlaced("o1", T0, 2), atNode("o1", "ORDER_SOURCED", T0 + MIN, "DC-01", "OMS"),
                withError(atNode("o1", "EXCEPTION_RAISED", T0 + 10 * MIN, "DC-01", "OMS"), "BACKORDER"),
                withError(atNode("o1", "EXCEPTION_RESOLVED", T0 + 40 * MIN, "DC-01", "OMS"), "BACKORDER"),
                withCost(atNode("o1", "PICKED", T0_PLUS_1H, "DC-01", "WMS"), 300),
                withCost(atNode("o1", "PACKED", T0_PLUS_2H, "DC-01", "WMS"), 150),
                withUnitsFulfilled(atNode("o1", "DELIVERED", T0_PLUS_3H, "DC-01", "CARRIER"), 2),
                orderPlaced("o2", T0_PLUS_30S, 2), atNode("o2", "ORDER_SOURCED", T0_PLUS_2M, "DC-01", "OMS"),
                atNode("o2", "ORDER_CANCELLED", T0 + 20 * MIN, "DC-01", "OMS"),
                orderPlaced("o3", T0 + 5 * MIN, 2), atNode("o3", "ORDER_SOURCED", T0 + 6 * MIN, "DC-01", "OMS"),
                withUnitsFulfilled(atNode("o3", "DELIVERED", T0_PLUS_2H, "DC-01", "CARRIER"), 1),
                atNode("o3", "RETURN_INITIATED", T0 + 4 * 3_600_000, "DC-01", "ECOM"),
                atNode("o3", "REFUND_ISSUED", T0 + 6 * 3_600_000, "DC-01", "PAYMENT"),
                orderPlaced("o4", T0 + MIN, 3), atNode("o4", "ORDER_SOURCED", T0_PLUS_2M, "DC-02", "OMS"),
                atNode("o4", "INVENTORY_SYNCED", T0 + 3 * MIN, "DC-02", "INVENTORY"),
                atNode("o4", "INVENTORY_SYNC_MISMATCH", T0 + 3 * MIN + 1_000, "DC-02", "INVENTORY"),
                withError(atNode("o4", "INTEGRATION_CALL_FAILED", T0 + 4 * MIN, "DC-02", "WMS"), "WMS_TIMEOUT")));
        events.add(events.get(4)); // duplicates: the trace builder drops them
        events.add(events.get(12));
        Collections.shuffle(events, new Random(11));
        return events;
    }

    static List<SlaOutcome> slaOutcomes() {
        return List.of(
                new SlaOutcome(DATASET, "o1", "p", "DELIVERED", T0_PLUS_3H, T0_PLUS_3H, true, "WEB", "SHIP_TO_HOME", "EU-WEST", "DC-01"),
                new SlaOutcome(DATASET, "o2", "p", "PICKED", T0 + 20 * MIN, T0 + 20 * MIN, false, "WEB", "SHIP_TO_HOME", "EU-WEST", "DC-01"));
    }

    /** What the scenario gives by hand: minute offset / node -> the non-zero fields of its final row. */
    static Map<String, String> expected() {
        Map<String, String> m = new TreeMap<>();
        m.put("0m/DC-01", "placed=2");
        m.put("1m/DC-02", "placed=1");
        m.put("5m/DC-01", "placed=1");
        m.put("3m/DC-02", "syncs=1 mismatches=1");
        m.put("4m/DC-02", "integration=[WMS]=[1]");
        m.put("10m/DC-01", "raised=1");
        m.put("40m/DC-01", "resolved=1/1800000");
        m.put("20m/DC-01", "cancelled=1 units=2/0 sla=0/1");
        m.put("120m/DC-01", "completed=1 units=2/1 cycle=1/6900000");
        m.put("180m/DC-01", "completed=1 units=2/2 cycle=1/10800000 cost=450/1 sla=1/1");
        m.put("360m/DC-01", "returned=1 refunds=1/7200000");
        return m;
    }

    @Test
    void the_topology_writes_exact_minute_rows_for_a_shuffled_stream_with_duplicates_and_sla_outcomes() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<FulfillmentEvent> events = env.fromData(scenario(), FulfillmentEventTypeInfo.INSTANCE)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<FulfillmentEvent>forBoundedOutOfOrderness(Duration.ofMinutes(1))
                        .withTimestampAssigner((e, t) -> e.getEventTime()));
        SingleOutputStreamOperator<TraceRow> traces = events.keyBy(new TraceKeySelector())
                .process(new TraceBuilder(Duration.ofDays(1), Duration.ofDays(30)));
        DataStream<SlaOutcome> sla = env.fromData(slaOutcomes(), TypeInformation.of(SlaOutcome.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<SlaOutcome>forMonotonousTimestamps()
                        .withTimestampAssigner((o, t) -> o.decidedAtMs));
        // lateness covers the shuffle (6 h of event time), so nothing may be dropped
        KpiStreams kpis = KpiTopology.define(traces.getSideOutput(TraceBuilder.ORDER_CHANGES), sla,
                new KpiSettings(Duration.ofDays(1), Duration.ofDays(30)));

        CloseableIterator<KpiMinuteRow> rows = kpis.minuteRows().collectAsync();
        CloseableIterator<?> dropped = kpis.tooLate().collectAsync();
        env.execute("kpi-topology-test");

        Map<String, KpiMinuteRow> finalRows = new HashMap<>();
        rows.forEachRemaining(r -> finalRows.merge(r.minuteMs + "/" + r.channel + "/" + r.region + "/" + r.nodeId, r,
                (a, b) -> a.version >= b.version ? a : b));
        Map<String, String> actual = new TreeMap<>();
        for (KpiMinuteRow r : finalRows.values()) {
            String s = describe(r);
            if (!s.isEmpty()) {
                assertThat(actual.put((r.minuteMs - T0) / MIN + "m/" + r.nodeId, s)).as("one row per minute and node").isNull();
                assertThat(r.channel + "/" + r.fulfillmentType + "/" + r.region).isEqualTo("WEB/SHIP_TO_HOME/EU-WEST");
            }
        }
        assertThat(actual).isEqualTo(expected());
        assertThat(dropped.hasNext()).isFalse();
    }

    /** The non-zero fields of a row, in a fixed order. */
    static String describe(KpiMinuteRow r) {
        List<String> parts = new ArrayList<>();
        add(parts, "placed=" + r.ordersPlaced, r.ordersPlaced);
        add(parts, "completed=" + r.ordersCompleted, r.ordersCompleted);
        add(parts, "cancelled=" + r.ordersCancelled, r.ordersCancelled);
        add(parts, "returned=" + r.ordersReturned, r.ordersReturned);
        add(parts, "units=" + r.unitsOrdered + "/" + r.unitsFulfilled, r.unitsOrdered);
        add(parts, "cycle=" + r.cycleCount + "/" + r.cycleSumMs, r.cycleCount);
        add(parts, "cost=" + r.costMinor + "/" + r.costOrders, r.costOrders);
        add(parts, "sla=" + r.slaMet + "/" + r.slaDue, r.slaDue);
        add(parts, "raised=" + r.exceptionsRaised, r.exceptionsRaised);
        add(parts, "resolved=" + r.exceptionsResolved + "/" + r.resolutionSumMs, r.exceptionsResolved);
        add(parts, "refunds=" + r.refunds + "/" + r.refundSumMs, r.refunds);
        add(parts, "syncs=" + r.inventorySyncs, r.inventorySyncs);
        add(parts, "mismatches=" + r.inventorySyncMismatches, r.inventorySyncMismatches);
        long failures = 0;
        for (long f : r.integrationFailures) {
            failures += Math.abs(f);
        }
        add(parts, "integration=" + java.util.Arrays.toString(r.integrationSystems) + "=" + java.util.Arrays.toString(r.integrationFailures), failures);
        return String.join(" ", parts);
    }

    private static void add(List<String> parts, String text, long value) {
        if (value != 0) {
            parts.add(text);
        }
    }
}
