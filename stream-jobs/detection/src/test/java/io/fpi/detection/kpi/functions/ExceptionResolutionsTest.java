package io.fpi.detection.kpi.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.detection.kpi.KpiTestBase;
import io.fpi.detection.kpi.records.KpiContribution;
import io.fpi.detection.kpi.records.Measure;
import io.fpi.jobs.traces.records.OrderChange;
import io.fpi.jobs.traces.records.OrderFacts;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExceptionResolutionsTest extends KpiTestBase {
    private static final Duration EXPIRY = Duration.ofDays(30);
    private static final OrderFacts AT_NODE = sourced(placed(T0), "DC-1", "EU");

    private KeyedOneInputStreamOperatorTestHarness<String, OrderChange, KpiContribution> h;

    @BeforeEach
    void open() throws Exception {
        h = harness(null);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, OrderChange, KpiContribution> harness(
            OperatorSubtaskState restore) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ExceptionResolutions(EXPIRY)), new OrderKey(), Types.STRING);
        if (restore != null) {
            harness.initializeState(restore);
        }
        harness.open();
        return harness;
    }

    private void send(OrderChange... changes) throws Exception {
        for (OrderChange c : changes) {
            h.processElement(c, c.eventTimeMs);
        }
    }

    private static OrderChange raised(String order, String code, long at) {
        return exception(order, "EXCEPTION_RAISED", code, at, AT_NODE);
    }

    private static OrderChange resolved(String order, String code, long at) {
        return exception(order, "EXCEPTION_RESOLVED", code, at, AT_NODE);
    }

    @Test
    void a_resolution_is_emitted_in_its_minute_with_the_time_since_the_raise_once_the_watermark_passes() throws Exception {
        send(raised("o1", "BACKORDER", T0), resolved("o1", "BACKORDER", T0_PLUS_2H + 5_000));
        assertThat(h.extractOutputValues()).isEmpty(); // waits for the watermark

        h.processWatermark(T0_PLUS_2H + 5_000);

        assertThat(h.extractOutputValues()).containsExactly(new KpiContribution(DATASET, "WEB", "SHIP_TO_HOME", "EU", "DC-1",
                T0_PLUS_2H, Measure.EXCEPTION_RESOLUTION, 1, Duration.ofHours(2).toMillis() + 5_000, ""));
    }

    @Test
    void once_every_exception_is_resolved_no_state_or_timer_is_left() throws Exception {
        send(raised("o1", "BACKORDER", T0), raised("o1", "FRAUD_HOLD", T0_PLUS_1M),
                resolved("o1", "FRAUD_HOLD", T0_PLUS_10M), resolved("o1", "BACKORDER", T0_PLUS_1H));
        h.processWatermark(T0_PLUS_1H);

        assertThat(h.extractOutputValues()).extracting(c -> c.value)
                .containsExactly(Duration.ofMinutes(9).toMillis(), Duration.ofHours(1).toMillis());
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void a_resolution_that_arrives_before_its_raise_still_pairs_in_event_time_order() throws Exception {
        send(resolved("o1", "BACKORDER", T0_PLUS_1H), raised("o1", "BACKORDER", T0));
        h.processWatermark(T0_PLUS_1H);

        assertThat(h.extractOutputValues()).extracting(c -> c.value).containsExactly(Duration.ofHours(1).toMillis());
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    @Test
    void codes_pair_separately_and_a_repeated_raise_keeps_the_first() throws Exception {
        send(raised("o1", "BACKORDER", T0), raised("o1", "BACKORDER", T0_PLUS_10M), raised("o1", "SUBSTITUTION", T0_PLUS_30M),
                resolved("o1", "SUBSTITUTION", T0_PLUS_1H), resolved("o1", "BACKORDER", T0_PLUS_2H));
        h.processWatermark(T0_PLUS_2H);

        assertThat(h.extractOutputValues()).extracting(c -> c.value)
                .containsExactly(Duration.ofMinutes(30).toMillis(), Duration.ofHours(2).toMillis());
    }

    @Test
    void a_resolution_without_a_raise_emits_nothing_and_is_forgotten_at_its_expiry() throws Exception {
        send(resolved("o1", "BACKORDER", T0));
        h.processWatermark(T0_PLUS_1H);
        assertThat(h.extractOutputValues()).isEmpty();
        assertThat(h.numEventTimeTimers()).isEqualTo(1);

        h.processWatermark(T0_PLUS_40D);

        assertThat(h.extractOutputValues()).isEmpty();
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void a_raise_arriving_behind_the_watermark_after_its_resolution_still_pairs() throws Exception {
        h.processWatermark(T0_PLUS_1D);

        send(resolved("o1", "BACKORDER", T0_PLUS_1H), raised("o1", "BACKORDER", T0)); // both late, reversed

        assertThat(h.extractOutputValues()).containsExactly(new KpiContribution(DATASET, "WEB", "SHIP_TO_HOME", "EU", "DC-1",
                T0_PLUS_1H, Measure.EXCEPTION_RESOLUTION, 1, Duration.ofHours(1).toMillis(), ""));
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void an_exception_never_resolved_is_dropped_at_its_expiry_with_its_state_and_timer() throws Exception {
        send(raised("o1", "MANUAL_INTERVENTION", T0));
        h.processWatermark(T0_PLUS_1D);
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
        assertThat(h.numKeyedStateEntries()).isPositive();

        h.processWatermark(T0_PLUS_40D);

        assertThat(h.extractOutputValues()).isEmpty();
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void a_late_resolution_behind_the_watermark_pairs_at_once() throws Exception {
        send(raised("o1", "BACKORDER", T0));
        h.processWatermark(T0_PLUS_1D);

        send(resolved("o1", "BACKORDER", T0_PLUS_2H));

        assertThat(h.extractOutputValues()).extracting(c -> c.value).containsExactly(Duration.ofHours(2).toMillis());
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void other_events_are_ignored() throws Exception {
        send(change("o1", "PICKED", T0, AT_NODE, AT_NODE));
        h.processWatermark(T0_PLUS_1H);

        assertThat(h.extractOutputValues()).isEmpty();
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    @Test
    void orders_pair_independently() throws Exception {
        send(raised("o1", "BACKORDER", T0), raised("o2", "BACKORDER", T0_PLUS_10M), resolved("o2", "BACKORDER", T0_PLUS_30M));
        h.processWatermark(T0_PLUS_1H);

        assertThat(h.extractOutputValues()).extracting(c -> c.value).containsExactly(Duration.ofMinutes(20).toMillis());
    }

    @Test
    void open_exceptions_survive_a_restore_and_resolve_afterwards() throws Exception {
        send(raised("o1", "BACKORDER", T0));
        h.processWatermark(T0_PLUS_1M);
        OperatorSubtaskState snapshot = h.snapshot(1L, 1L);
        h.close();

        h = harness(snapshot);
        send(resolved("o1", "BACKORDER", T0_PLUS_1H));
        h.processWatermark(T0_PLUS_1H);

        assertThat(h.extractOutputValues()).extracting(c -> c.value).containsExactly(Duration.ofHours(1).toMillis());
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }
}
