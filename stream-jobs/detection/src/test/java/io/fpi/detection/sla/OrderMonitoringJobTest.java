package io.fpi.detection.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.jobs.traces.TraceJob;
import io.fpi.jobs.traces.TraceJobConfig;
import io.fpi.jobs.traces.TraceOutputs;
import io.fpi.schemas.EventCodec;
import io.fpi.schemas.Finding;
import io.fpi.schemas.FulfillmentEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The trace job's de-duplicated events into the order monitor, on a MiniCluster at parallelism 2,
 * from encoded records with duplicates and garbage: every order gets exactly the findings and
 * outcomes the keyed function gives it alone in a harness, each once.
 */
class OrderMonitoringJobTest extends MonitorTestBase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final EventCodec CODEC = new EventCodec();

    @Test
    void each_order_gets_exactly_its_findings_and_outcomes_once() throws Exception {
        Map<String, List<FulfillmentEvent>> orders = new LinkedHashMap<>();
        Order late = shipToHome("J-LATE");
        orders.put(late.id(), concat(throughTheDc(late), at(late, "CARRIER_HANDOFF", T0 + 26 * HOUR),
                at(late, "OUT_FOR_DELIVERY", T0 + 5 * 24 * HOUR - HOUR), at(late, "DELIVERED", T0 + 5 * 24 * HOUR + 2 * HOUR)));
        Order stalled = shipToHome("J-STALLED");
        orders.put(stalled.id(), List.of(placed(stalled, T0), at(stalled, "ORDER_SOURCED", T0 + 3 * MINUTE),
                at(stalled, "RELEASED_TO_WAREHOUSE", T0 + 15 * MINUTE), at(stalled, "WAVE_RELEASED", T0 + 7 * HOUR),
                at(stalled, "PICKED", T0 + 8 * HOUR), at(stalled, "PACKED", T0 + 9 * HOUR), labelled(stalled, T0 + 9 * HOUR + 5 * MINUTE),
                at(stalled, "CARRIER_HANDOFF", T0 + 11 * HOUR), at(stalled, "DELIVERED", T0 + 40 * HOUR)));
        Order fine = shipToHome("J-FINE");
        orders.put(fine.id(), concat(throughTheDc(fine), at(fine, "CARRIER_HANDOFF", T0 + 4 * HOUR),
                at(fine, "DELIVERED", T0 + 30 * HOUR), at(fine, "INVOICED", T0 + 31 * HOUR)));
        Order cancelled = shipToHome("J-CANCELLED");
        orders.put(cancelled.id(), List.of(placed(cancelled, T0 + HOUR), at(cancelled, "ORDER_CANCELLED", T0 + 2 * HOUR)));
        Order neverDone = bopis("J-OPEN", T0 + 3 * HOUR);
        orders.put(neverDone.id(), List.of(placed(neverDone, T0), at(neverDone, "ORDER_SOURCED", T0 + MINUTE)));

        List<byte[][]> records = new ArrayList<>();
        orders.values().forEach(events -> events.forEach(e -> records.add(record(e))));
        records.add(1, record(orders.get(late.id()).get(0)));           // a duplicate right after the original
        records.add(record(orders.get(stalled.id()).get(3)));           // one much later
        records.add(new byte[][] {"demo/J-LATE".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3}}); // garbage

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        TraceOutputs traces = TraceJob.defineWorkflow(env, PartitionedRecords.source(records, 2), TraceJobConfig.defaults());
        MonitorOutputs monitored = OrderMonitoring.attach(traces.events(), CONFIG);
        CollectingSink<Finding> findings = new CollectingSink<>("job-findings");
        CollectingSink<SlaOutcome> outcomes = new CollectingSink<>("job-outcomes");
        monitored.findings().sinkTo(findings);
        monitored.slaOutcomes().sinkTo(outcomes);
        env.execute("order monitoring");

        assertThat(findings.results()).extracting(Finding::getFindingId).doesNotHaveDuplicates();
        for (Map.Entry<String, List<FulfillmentEvent>> order : orders.entrySet()) {
            try (MonitorHarness alone = MonitorHarness.open(CONFIG)) {
                alone.send(order.getValue().toArray(new FulfillmentEvent[0])).watermark(Long.MAX_VALUE);
                assertThat(ids(findings.results(), order.getKey())).as(order.getKey())
                        .isEqualTo(alone.findings().stream().map(Finding::getFindingId).collect(Collectors.toCollection(TreeSet::new)));
                assertThat(outcomes(outcomes.results(), order.getKey())).as(order.getKey())
                        .isEqualTo(outcomes(alone.outcomes(), order.getKey()));
            }
        }
        assertThat(story(findings.results(), late.id())).contains("SLA_BREACH delivered_by_promise",
                "RESOLVED delivered_by_promise", "STALL LABEL_CREATED");
        assertThat(story(findings.results(), stalled.id())).contains("STALL RELEASED_TO_WAREHOUSE", "RESOLVED RELEASED_TO_WAREHOUSE")
                .doesNotContain("SLA_BREACH delivered_by_promise");
        assertThat(story(findings.results(), fine.id())).isEmpty();
        assertThat(story(findings.results(), cancelled.id())).isEmpty();
        assertThat(story(findings.results(), neverDone.id())).contains("SLA_BREACH ready_by_promise", "STALL ORDER_SOURCED");
    }

    private static Set<String> ids(List<Finding> findings, String orderId) {
        return findings.stream().filter(f -> f.getOrderId().equals(orderId)).map(Finding::getFindingId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> outcomes(List<SlaOutcome> outcomes, String orderId) {
        return outcomes.stream().filter(o -> o.orderId.equals(orderId)).map(SlaOutcome::toString)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> story(List<Finding> findings, String orderId) {
        return findings.stream().filter(f -> f.getOrderId().equals(orderId))
                .map(f -> f.getType() + " " + (f.getMilestone() != null ? f.getMilestone() : f.getStage()))
                .collect(Collectors.toList());
    }

    private static byte[][] record(FulfillmentEvent e) {
        return new byte[][] {(e.getDataset() + "/" + e.getOrderId()).getBytes(StandardCharsets.UTF_8), CODEC.encode(e)};
    }

    private static List<FulfillmentEvent> concat(FulfillmentEvent[] first, FulfillmentEvent... more) {
        List<FulfillmentEvent> out = new ArrayList<>(List.of(first));
        out.addAll(List.of(more));
        return out;
    }
}
