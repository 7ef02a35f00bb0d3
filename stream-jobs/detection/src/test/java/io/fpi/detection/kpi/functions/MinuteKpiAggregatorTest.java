package io.fpi.detection.kpi.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.detection.kpi.KpiTestBase;
import io.fpi.detection.kpi.records.KpiContribution;
import io.fpi.detection.kpi.records.KpiMinuteRow;
import io.fpi.detection.kpi.records.Measure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MinuteKpiAggregatorTest extends KpiTestBase {
    private static final Duration LATENESS = Duration.ofMinutes(30);

    private KeyedOneInputStreamOperatorTestHarness<String, KpiContribution, KpiMinuteRow> h;

    @BeforeEach
    void open() throws Exception {
        h = harness(null);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, KpiContribution, KpiMinuteRow> harness(
            OperatorSubtaskState restore) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new MinuteKpiAggregator(LATENESS)), new DimensionKey(), Types.STRING);
        if (restore != null) {
            harness.initializeState(restore);
        }
        harness.open();
        return harness;
    }

    private void send(KpiContribution... cs) throws Exception {
        for (KpiContribution c : cs) {
            h.processElement(c, c.minuteMs);
        }
    }

    private List<KpiContribution> tooLate() {
        List<KpiContribution> out = new ArrayList<>();
        var queue = h.getSideOutput(MinuteKpiAggregator.TOO_LATE);
        if (queue != null) {
            for (StreamRecord<KpiContribution> r : queue) {
                out.add(r.getValue());
            }
        }
        return out;
    }

    @Test
    void a_minute_is_emitted_once_the_watermark_passes_its_end_with_everything_folded_in() throws Exception {
        send(contribution(T0, Measure.ORDERS_PLACED, 1, 0), contribution(T0_PLUS_30S, Measure.ORDERS_PLACED, 1, 0),
                contribution(T0 + 59_999, Measure.CYCLE_TIME, 1, 3_600_000), contribution(T0_PLUS_1M, Measure.ORDERS_PLACED, 1, 0));
        h.processWatermark(T0 + 59_998);
        assertThat(h.extractOutputValues()).isEmpty();

        h.processWatermark(T0 + 59_999);

        List<KpiMinuteRow> rows = h.extractOutputValues();
        assertThat(rows).hasSize(1);
        KpiMinuteRow r = rows.get(0);
        assertThat(r.minuteMs).isEqualTo(T0);
        assertThat(r.version).isEqualTo(3);
        assertThat(r.ordersPlaced).isEqualTo(2);
        assertThat(r.cycleCount).isEqualTo(1);
        assertThat(r.cycleSumMs).isEqualTo(3_600_000);
        assertThat(r.cycleBuckets).containsExactly(378);
        assertThat(r.cycleCounts).containsExactly(1L);
        assertThat(r.nodeId).isEqualTo("DC-1");
    }

    @Test
    void late_contributions_within_the_lateness_are_coalesced_into_one_fuller_row_at_the_next_watermark() throws Exception {
        send(contribution(T0, Measure.ORDERS_PLACED, 1, 0));
        h.processWatermark(T0_PLUS_1M);
        send(contribution(T0, Measure.ORDERS_PLACED, 1, 0), contribution(T0, Measure.ORDERS_PLACED, -1, 0),
                contribution(T0, Measure.ORDERS_COMPLETED, 1, 0));
        assertThat(h.extractOutputValues()).hasSize(1);

        h.processWatermark(T0_PLUS_2M);

        List<KpiMinuteRow> rows = h.extractOutputValues();
        assertThat(rows).extracting(r -> r.version).containsExactly(1L, 4L);
        assertThat(rows.get(1).ordersPlaced).isEqualTo(1);
        assertThat(rows.get(1).ordersCompleted).isEqualTo(1);
    }

    @Test
    void a_contribution_after_the_lateness_is_dropped_to_the_side_output_and_the_row_stays_as_it_was() throws Exception {
        send(contribution(T0, Measure.ORDERS_PLACED, 1, 0));
        h.processWatermark(T0 + 59_999 + LATENESS.toMillis());
        KpiContribution late = contribution(T0, Measure.ORDERS_PLACED, 1, 0);

        send(late);
        h.processWatermark(T0_PLUS_1H);

        assertThat(h.extractOutputValues()).extracting(r -> r.version).containsExactly(1L);
        assertThat(tooLate()).containsExactly(late);
    }

    @Test
    void after_the_lateness_every_minute_state_and_timer_is_gone() throws Exception {
        send(contribution(T0, Measure.ORDERS_PLACED, 1, 0), contribution(T0_PLUS_10M, Measure.SLA_OUTCOME, 1, 1));
        h.processWatermark(T0_PLUS_30M);
        send(contribution(T0_PLUS_10M, Measure.SLA_OUTCOME, 1, 0)); // a late update
        assertThat(h.numKeyedStateEntries()).isPositive();

        h.processWatermark(T0_PLUS_10M + 59_999 + LATENESS.toMillis());

        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        KpiMinuteRow last = h.extractOutputValues().get(h.extractOutputValues().size() - 1);
        assertThat(last.slaDue).isEqualTo(2);
        assertThat(last.slaMet).isEqualTo(1);
    }

    @Test
    void every_dimension_combination_gets_its_own_row() throws Exception {
        KpiContribution web = contribution(T0, Measure.ORDERS_PLACED, 1, 0);
        KpiContribution app = new KpiContribution(DATASET, "APP", "BOPIS", "EU", "ST-1", T0, Measure.ORDERS_PLACED, 1, 0, "");
        send(web, app, app);
        h.processWatermark(T0_PLUS_1M);

        assertThat(h.extractOutputValues()).extracting(r -> r.channel + ":" + r.ordersPlaced)
                .containsExactlyInAnyOrder("WEB:1", "APP:2");
    }

    @Test
    void integration_failures_are_counted_per_system_in_sorted_order() throws Exception {
        send(failure("WMS"), failure("CARRIER"), failure("WMS"));
        h.processWatermark(T0_PLUS_1M);

        KpiMinuteRow r = h.extractOutputValues().get(0);
        assertThat(r.integrationSystems).containsExactly("CARRIER", "WMS");
        assertThat(r.integrationFailures).containsExactly(1L, 2L);
    }

    @Test
    void the_final_row_of_a_minute_does_not_depend_on_the_arrival_order() throws Exception {
        List<KpiContribution> cs = List.of(contribution(T0, Measure.CYCLE_TIME, 1, 5_000), contribution(T0, Measure.CYCLE_TIME, 1, 90_000),
                failure("WMS"), failure("ERP"), contribution(T0, Measure.EXCEPTION_RESOLUTION, 1, 60_000),
                contribution(T0, Measure.REFUND_CYCLE, 1, 7_200_000), contribution(T0, Measure.COST, 1, 123));
        send(cs.toArray(new KpiContribution[0]));
        h.processWatermark(T0_PLUS_1M);
        KpiMinuteRow forward = h.extractOutputValues().get(0);

        h.close();
        h = harness(null);
        List<KpiContribution> reversed = new ArrayList<>(cs);
        java.util.Collections.reverse(reversed);
        send(reversed.toArray(new KpiContribution[0]));
        h.processWatermark(T0_PLUS_1M);

        assertThat(h.extractOutputValues().get(0)).usingRecursiveComparison().isEqualTo(forward);
    }

    @Test
    void replaying_contributions_after_a_restore_rewrites_identical_rows() throws Exception {
        send(contribution(T0, Measure.ORDERS_PLACED, 1, 0));
        OperatorSubtaskState snapshot = h.snapshot(1L, 1L);
        send(contribution(T0, Measure.ORDERS_COMPLETED, 1, 0));
        h.processWatermark(T0_PLUS_1M);
        List<KpiMinuteRow> beforeFailure = h.extractOutputValues();
        h.close();

        h = harness(snapshot); // the failure: back to the checkpoint, the source replays what came after
        send(contribution(T0, Measure.ORDERS_COMPLETED, 1, 0));
        h.processWatermark(T0_PLUS_1M);

        assertThat(h.extractOutputValues()).usingRecursiveFieldByFieldElementComparator().isEqualTo(beforeFailure);
    }

    private static KpiContribution failure(String system) {
        return new KpiContribution(DATASET, "WEB", "SHIP_TO_HOME", "EU", "DC-1", T0, Measure.INTEGRATION_FAILURE, 1, 0, system);
    }
}
