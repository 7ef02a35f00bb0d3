package io.fpi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.schemas.CanonicalActivity;
import io.fpi.schemas.FulfillmentEvent;
import io.fpi.simulator.scenarios.ScenarioName;
import io.fpi.simulator.stream.RecordStream;
import io.fpi.simulator.truth.GroundTruth;
import io.fpi.simulator.truth.GroundTruthCollector;
import io.fpi.simulator.truth.GroundTruthFileWriter;
import io.fpi.simulator.truth.GroundTruthReader;
import io.fpi.simulator.truth.OrderTruth;
import io.fpi.simulator.truth.TeeSink;
import io.fpi.simulator.truth.TruthEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthConsistencyTest extends SimulatorTestBase {
    private static final SimulatorConfig CONFIG = unpaced(21, 2500)
            .scenario(scenario(ScenarioName.CARRIER_OUTAGE, "SWIFTSHIP", Duration.ofMinutes(20), Duration.ofHours(2)))
            .scenario(scenario(ScenarioName.STORE_INVENTORY_DROP, "NORTHEAST", Duration.ZERO, Duration.ofHours(2)))
            .duplicateRate(0.02).outOfOrderRate(0.05).malformedRate(0.005)
            .build();
    private static Run run;
    private static Map<String, List<FulfillmentEvent>> streamed;

    @BeforeAll
    static void generate() {
        run = run(CONFIG);
        streamed = run.byOrder();
        for (List<FulfillmentEvent> events : streamed.values()) {
            events.sort(Comparator.comparingLong(FulfillmentEvent::getEventTime).thenComparing(FulfillmentEvent::getSequence));
        }
    }

    @Test
    void each_orders_distinct_events_in_the_truth_are_exactly_the_ones_streamed() {
        Map<String, OrderTruth> truth = run.truthByOrder();
        assertThat(truth.keySet()).containsExactlyInAnyOrderElementsOf(streamed.keySet());
        streamed.forEach((orderId, events) -> {
            List<TruthEvent> expected = new ArrayList<>();
            for (FulfillmentEvent e : events) {
                expected.add(new TruthEvent(e.getEventId(), e.getActivity(), e.getEventTime(), e.getSourceSystem()));
            }
            assertThat(truth.get(orderId).events()).as(orderId).isEqualTo(expected);
            assertThat(truth.get(orderId).truncated()).isFalse();
        });
    }

    @Test
    void the_summary_line_counts_what_was_streamed() {
        var s = run.truth().summary();
        assertThat(s.orders()).isEqualTo(streamed.size());
        assertThat(s.records()).isEqualTo(run.records().size());
        assertThat(s.events()).isEqualTo(run.events().size());
        assertThat(s.duplicates()).isEqualTo(run.records().stream().filter(r -> r.kind() == RecordKind.DUPLICATE).count());
        assertThat(s.malformed()).isEqualTo(run.records().stream().filter(r -> r.kind() == RecordKind.MALFORMED).count());
        assertThat(s.late()).isEqualTo(run.truth().orders().stream().filter(o -> o.late() != null).count());
        assertThat(s.simEndMs()).isEqualTo(run.records().get(run.records().size() - 1).emitAtSimMs());
    }

    @Test
    void late_means_the_promise_milestone_came_after_promised_by_or_never_before_it() {
        int late = 0;
        for (OrderTruth o : run.truth().orders()) {
            List<FulfillmentEvent> events = streamed.get(o.orderId());
            String milestone = o.fulfillmentType().equals("BOPIS") || o.fulfillmentType().equals("CURBSIDE")
                    ? "READY_FOR_PICKUP" : "DELIVERED";
            FulfillmentEvent reached = first(events, milestone);
            FulfillmentEvent cancelled = first(events, "ORDER_CANCELLED");
            boolean expectLate = reached != null ? reached.getEventTime() > o.promisedByMs()
                    : cancelled == null || cancelled.getEventTime() > o.promisedByMs();
            assertThat(o.late() != null).as(o.orderId()).isEqualTo(expectLate);
            if (o.late() != null) {
                late++;
                assertThat(o.late().milestone()).isEqualTo(milestone);
                assertThat(o.late().deadlineMs()).isEqualTo(o.promisedByMs());
                assertThat(o.late().reachedAtMs()).isEqualTo(reached == null ? null : reached.getEventTime());
            }
        }
        assertThat(late).isPositive();
    }

    @Test
    void a_stall_label_measures_the_idle_gap_between_milestones_in_the_stream() {
        int stalled = 0;
        int never = 0;
        for (OrderTruth o : run.truth().orders()) {
            if (o.stalled() == null) {
                continue;
            }
            stalled++;
            List<FulfillmentEvent> events = streamed.get(o.orderId());
            int at = -1;
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).getActivity().equals(o.stalled().stage()) && events.get(i).getEventTime() == o.stalled().sinceMs()) {
                    at = i;
                }
            }
            assertThat(at).as(o.orderId()).isNotNegative();
            FulfillmentEvent next = null;
            for (int i = at + 1; i < events.size() && next == null; i++) {
                if (CanonicalActivity.isMilestone(events.get(i).getActivity())) {
                    next = events.get(i);
                }
            }
            assertThat(o.stalled().movedAgain()).isEqualTo(next != null);
            if (next != null) {
                assertThat(o.stalled().idleMs()).isEqualTo(next.getEventTime() - o.stalled().sinceMs());
                assertThat(o.stalled().idleMs()).isGreaterThanOrEqualTo(o.stalled().injectedMs());
                assertThat(o.stalled().injectedMs()).isGreaterThanOrEqualTo(HOUR / 2);
            } else {
                never++;
                assertThat(o.finalStatus()).isEqualTo("open");
            }
        }
        assertThat(stalled).isGreaterThan(20);
        assertThat(never).isPositive();
    }

    @Test
    void failed_means_cancelled_or_a_failed_delivery_attempt() {
        for (OrderTruth o : run.truth().orders()) {
            List<FulfillmentEvent> events = streamed.get(o.orderId());
            FulfillmentEvent cancelled = first(events, "ORDER_CANCELLED");
            FulfillmentEvent failedDelivery = first(events, "DELIVERY_FAILED");
            if (cancelled != null) {
                assertThat(o.failed().kind()).isEqualTo("CANCELLED");
                assertThat(o.failed().reason()).isEqualTo(cancelled.getErrorCode());
            } else if (failedDelivery != null) {
                assertThat(o.failed().kind()).isEqualTo("DELIVERY_FAILED");
                assertThat(o.failed().recovered()).isEqualTo(first(events, "DELIVERED") != null);
            } else {
                assertThat(o.failed()).as(o.orderId()).isNull();
            }
        }
    }

    @Test
    void the_file_reads_back_to_the_same_ground_truth_as_in_memory(@TempDir Path dir) {
        Path file = dir.resolve("truth.jsonl");
        GroundTruthCollector memory = new GroundTruthCollector();
        try (GroundTruthFileWriter writer = GroundTruthFileWriter.open(file);
             RecordStream s = Simulator.stream(CONFIG, new TeeSink(writer, memory))) {
            while (s.hasNext()) {
                s.next();
            }
        }
        GroundTruth read = GroundTruthReader.read(file);
        assertThat(read).isEqualTo(memory.groundTruth());
        assertThat(read.run().scenarios()).hasSize(2);
    }

    @Test
    void stopping_early_writes_in_flight_orders_as_truncated_with_only_their_emitted_events() {
        GroundTruthCollector memory = new GroundTruthCollector();
        List<SimRecord> sent = new ArrayList<>();
        RecordStream s = Simulator.stream(CONFIG, memory);
        for (int i = 0; i < 5000; i++) {
            sent.add(s.next());
        }
        s.finish();
        assertThat(s.hasNext()).isFalse();
        GroundTruth truth = memory.groundTruth();
        List<OrderTruth> truncated = truth.orders().stream().filter(OrderTruth::truncated).toList();
        assertThat(truncated).isNotEmpty();
        assertThat(truth.summary().ordersTruncated()).isEqualTo(truncated.size());
        long emittedEvents = sent.stream().filter(r -> r.kind() == RecordKind.EVENT).count();
        assertThat(truth.orders().stream().mapToLong(o -> o.events().size()).sum()).isEqualTo(emittedEvents);
        for (OrderTruth o : truncated) {
            assertThat(o.events()).isNotEmpty();
            assertThat(o.events().get(o.events().size() - 1).eventTimeMs()).isLessThanOrEqualTo(truth.summary().simEndMs());
        }
    }

    private static FulfillmentEvent first(List<FulfillmentEvent> events, String activity) {
        for (FulfillmentEvent e : events) {
            if (e.getActivity().equals(activity)) {
                return e;
            }
        }
        return null;
    }
}
