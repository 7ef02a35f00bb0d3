package io.fpi.jobs.traces.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.jobs.common.DeadLetter;
import io.fpi.jobs.common.DeadLetterReason;
import io.fpi.jobs.common.Hashes;
import io.fpi.jobs.traces.TraceTestBase;
import io.fpi.jobs.traces.records.TraceRow;
import io.fpi.schemas.EventCodec;
import io.fpi.schemas.FulfillmentEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TraceBuilderTest extends TraceTestBase {
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;

    private TraceHarness trace;

    @BeforeEach
    void openHarness() throws Exception {
        trace = TraceHarness.open(RETENTION, IDLE_EXPIRY);
    }

    @AfterEach
    void closeHarness() throws Exception {
        trace.close();
    }

    /** A delivered ship-to-home order with an exception during picking. */
    private static List<FulfillmentEvent> deliveredOrder(String id) {
        return List.of(
                orderPlaced(id, T0),
                paymentAuthorized(id, T0_PLUS_1M),
                orderSourced(id, T0_PLUS_10M, "DC-01"),
                picked(id, T0_PLUS_1H),
                exceptionRaised(id, T0_PLUS_2H),
                packed(id, T0_PLUS_3H),
                carrierHandoff(id, T0_PLUS_4H),
                delivered(id, T0_PLUS_1D));
    }

    @Test
    void in_order_events_build_the_full_trace() throws Exception {
        trace.send(deliveredOrder("o1"));

        TraceRow r = trace.lastTrace();
        assertThat(r.dataset).isEqualTo(DATASET);
        assertThat(r.orderId).isEqualTo("o1");
        assertThat(r.version).isEqualTo(8);
        assertThat(r.eventCount).isEqualTo(8);
        assertThat(r.status).isEqualTo("completed");
        assertThat(r.placedAtMs).isEqualTo(T0);
        assertThat(r.completedAtMs).isEqualTo(T0_PLUS_1D);
        assertThat(r.cycleTimeMs).isEqualTo(24 * HOUR);
        assertThat(r.lastEventMs).isEqualTo(T0_PLUS_1D);
        assertThat(r.lastActivity).isEqualTo("DELIVERED");
        assertThat(r.currentStage).isEmpty();
        assertThat(r.activities).containsExactly("ORDER_PLACED", "PAYMENT_AUTHORIZED", "ORDER_SOURCED", "PICKED",
                "EXCEPTION_RAISED", "PACKED", "CARRIER_HANDOFF", "DELIVERED");
        assertThat(r.variant).isEqualTo("ORDER_PLACED > PAYMENT_AUTHORIZED > ORDER_SOURCED > PICKED > EXCEPTION_RAISED"
                + " > PACKED > CARRIER_HANDOFF > DELIVERED");
        assertThat(r.variantHash).isEqualTo(Hashes.variant(List.of(r.activities)));
        // EXCEPTION_RAISED is not a milestone: it happens during PICKED -> PACKED
        assertThat(r.stageNames).containsExactly("ORDER_PLACED -> PAYMENT_AUTHORIZED", "PAYMENT_AUTHORIZED -> ORDER_SOURCED",
                "ORDER_SOURCED -> PICKED", "PICKED -> PACKED", "PACKED -> CARRIER_HANDOFF", "CARRIER_HANDOFF -> DELIVERED");
        assertThat(r.stageStartMs).containsExactly(T0, T0_PLUS_1M, T0_PLUS_10M, T0_PLUS_1H, T0_PLUS_3H, T0_PLUS_4H);
        assertThat(r.stageDurationsMs).containsExactly(MINUTE, 9 * MINUTE, 50 * MINUTE, 2 * HOUR, HOUR, 20 * HOUR);
        assertThat(r.handoffFrom).containsExactly("ECOM", "PAYMENT", "OMS", "WMS");
        assertThat(r.handoffTo).containsExactly("PAYMENT", "OMS", "WMS", "CARRIER");
        assertThat(r.handoffLatencyMs).containsExactly(MINUTE, 9 * MINUTE, 50 * MINUTE, HOUR);
        assertThat(r.channel).isEqualTo("WEB");
        assertThat(r.fulfillmentType).isEqualTo("SHIP_TO_HOME");
        assertThat(r.nodeId).isEqualTo("DC-01");
        assertThat(r.region).isEqualTo("EU-WEST");
        assertThat(r.promisedByMs).isEqualTo(T0_PLUS_2D);
        assertThat(r.unitsOrdered).isEqualTo(2);
        assertThat(r.unitsFulfilled).isEqualTo(2);
    }

    @Test
    void every_new_event_emits_its_raw_row_and_a_trace_row_with_the_next_version() throws Exception {
        trace.send(deliveredOrder("o1"));

        assertThat(trace.traces()).extracting(t -> t.version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(trace.eventRows()).extracting(FulfillmentEvent::getEventId)
                .containsExactlyElementsOf(deliveredOrder("o1").stream().map(FulfillmentEvent::getEventId).toList());
    }

    @Test
    void out_of_order_arrival_yields_the_same_final_trace_as_in_order() throws Exception {
        // competing attribute carriers, two closing events, a same-millisecond pair and a duplicate
        List<FulfillmentEvent> events = new ArrayList<>(deliveredOrder("o1"));
        events.add(orderRerouted("o1", T0_PLUS_30M, "ST-7"));
        events.add(event("o1", "STORE_PICKED", T0_PLUS_1H, "POS").setChannel("APP").setUnitsFulfilled(1).build());
        events.add(event("o1", "INVENTORY_SYNCED", T0_PLUS_1H, "INVENTORY").build());
        events.add(refundIssued("o1", T0_PLUS_3D));
        events.add(resent(orderPlaced("o1", T0)));
        trace.send(events);
        TraceRow inOrder = trace.lastTrace();
        assertThat(inOrder.version).isEqualTo(12);

        Random random = new Random(42);
        for (int round = 0; round < 30; round++) {
            List<FulfillmentEvent> shuffled = new ArrayList<>(events);
            if (round == 0) {
                Collections.reverse(shuffled);
            } else {
                Collections.shuffle(shuffled, random);
            }
            try (TraceHarness other = TraceHarness.open(RETENTION, IDLE_EXPIRY)) {
                other.send(shuffled);
                assertThat(other.lastTrace()).as("arrival order %s", shuffled.stream().map(FulfillmentEvent::getActivity).toList())
                        .isEqualTo(inOrder);
            }
        }
    }

    @Test
    void intermediate_rows_show_the_trace_as_known_so_far_with_late_arrivals_in_place() throws Exception {
        trace.send(orderPlaced("o1", T0), packed("o1", T0_PLUS_3H), picked("o1", T0_PLUS_1H));

        TraceRow r = trace.lastTrace();
        assertThat(r.activities).containsExactly("ORDER_PLACED", "PICKED", "PACKED");
        assertThat(r.stageNames).containsExactly("ORDER_PLACED -> PICKED", "PICKED -> PACKED");
        assertThat(r.status).isEqualTo("open");
        assertThat(r.currentStage).isEqualTo("PACKED");
        assertThat(r.completedAtMs).isNull();
        assertThat(r.cycleTimeMs).isNull();
    }

    @Test
    void duplicates_emit_nothing_and_do_not_change_the_version() throws Exception {
        FulfillmentEvent placed = orderPlaced("o1", T0);
        trace.send(placed, resent(placed), picked("o1", T0_PLUS_1H), resent(placed), resent(picked("o1", T0_PLUS_1H)));

        assertThat(trace.traces()).extracting(t -> t.version).containsExactly(1L, 2L);
        assertThat(trace.eventRows()).hasSize(2);
        assertThat(trace.lastTrace().activities).containsExactly("ORDER_PLACED", "PICKED");
    }

    @Test
    void a_refund_after_delivery_makes_the_order_returned_but_completion_stays_at_delivery() throws Exception {
        trace.send(orderPlaced("o1", T0), delivered("o1", T0_PLUS_1D), returnInitiated("o1", T0_PLUS_2D),
                refundIssued("o1", T0_PLUS_3D));

        TraceRow r = trace.lastTrace();
        assertThat(r.status).isEqualTo("returned");
        assertThat(r.completedAtMs).isEqualTo(T0_PLUS_1D);
        assertThat(r.cycleTimeMs).isEqualTo(24 * HOUR);
        assertThat(r.currentStage).isEmpty();
        assertThat(r.unitsFulfilled).as("last non-null units_fulfilled").isEqualTo(1);
        assertThat(trace.traces()).extracting(t -> t.status).containsExactly("open", "completed", "completed", "returned");
    }

    @Test
    void a_cancelled_order_is_closed_as_cancelled() throws Exception {
        trace.send(orderPlaced("o1", T0), paymentAuthorized("o1", T0_PLUS_1M), orderCancelled("o1", T0_PLUS_30M));

        TraceRow r = trace.lastTrace();
        assertThat(r.status).isEqualTo("cancelled");
        assertThat(r.completedAtMs).isEqualTo(T0_PLUS_30M);
        assertThat(r.cycleTimeMs).isEqualTo(30 * MINUTE);
        assertThat(r.stageNames).containsExactly("ORDER_PLACED -> PAYMENT_AUTHORIZED", "PAYMENT_AUTHORIZED -> ORDER_CANCELLED");
        assertThat(r.currentStage).isEmpty();
    }

    @Test
    void back_to_back_repeats_of_a_milestone_count_once_from_their_first_occurrence() throws Exception {
        trace.send(orderPlaced("o1", T0), picked("o1", T0_PLUS_1H), picked("o1", T0_PLUS_2H), packed("o1", T0_PLUS_3H));

        TraceRow r = trace.lastTrace();
        assertThat(r.activities).containsExactly("ORDER_PLACED", "PICKED", "PICKED", "PACKED");
        assertThat(r.stageNames).containsExactly("ORDER_PLACED -> PICKED", "PICKED -> PACKED");
        assertThat(r.stageStartMs).containsExactly(T0, T0_PLUS_1H);
        assertThat(r.stageDurationsMs).containsExactly(HOUR, 2 * HOUR);
    }

    @Test
    void without_order_placed_the_first_event_marks_placement() throws Exception {
        trace.send(picked("o1", T0_PLUS_1H), delivered("o1", T0_PLUS_1D));

        assertThat(trace.lastTrace().placedAtMs).isEqualTo(T0_PLUS_1H);
        assertThat(trace.lastTrace().cycleTimeMs).isEqualTo(23 * HOUR);
    }

    @Test
    void attributes_come_from_the_first_event_in_time_that_carries_them_whatever_the_arrival_order() throws Exception {
        FulfillmentEvent appPick = event("o1", "PICKED", T0_PLUS_1H, "WMS").setChannel("APP").setUnitsOrdered(9).build();
        trace.send(refundIssued("o1", T0_PLUS_3D), orderRerouted("o1", T0_PLUS_2H, "ST-7"), appPick,
                orderSourced("o1", T0_PLUS_10M, "DC-01"), delivered("o1", T0_PLUS_1D), orderPlaced("o1", T0));

        TraceRow r = trace.lastTrace();
        assertThat(r.channel).isEqualTo("WEB");
        assertThat(r.unitsOrdered).isEqualTo(2);
        assertThat(r.nodeId).as("a later reroute overrides the sourcing node").isEqualTo("ST-7");
        assertThat(r.region).as("region stays with its first carrier").isEqualTo("EU-WEST");
        assertThat(r.unitsFulfilled).as("the refund is the last event with units_fulfilled").isEqualTo(1);
        assertThat(r.promisedByMs).isEqualTo(T0_PLUS_2D);
    }

    @Test
    void events_at_the_same_time_are_ordered_by_sequence_whatever_the_arrival_order() throws Exception {
        FulfillmentEvent second = event("o1", "Ship", T0, "ERP").setEventId("a").setSequence(2L).build();
        FulfillmentEvent first = event("o1", "Create Order", T0, "ERP").setEventId("b").setSequence(1L).build();
        trace.send(second, first);

        assertThat(trace.lastTrace().activities).containsExactly("Create Order", "Ship");
    }

    @Test
    void imported_activities_are_all_milestones_and_never_close_the_order() throws Exception {
        trace.send(event("c1", "Create Order", T0, "SAP").build(), event("c1", "Goods Issue", T0_PLUS_1H, "SAP").build(),
                event("c1", "Invoice", T0_PLUS_3H, "SAP").build());

        TraceRow r = trace.lastTrace();
        assertThat(r.stageNames).containsExactly("Create Order -> Goods Issue", "Goods Issue -> Invoice");
        assertThat(r.status).isEqualTo("open");
        assertThat(r.currentStage).isEqualTo("Invoice");
        assertThat(r.handoffFrom).isEmpty();
    }

    @Test
    void a_late_event_within_retention_is_merged_into_its_trace() throws Exception {
        trace.send(orderPlaced("o1", T0), delivered("o1", T0_PLUS_1D)).watermark(T0_PLUS_1D);

        trace.send(packed("o1", T0_PLUS_3H));

        assertThat(trace.lastTrace().version).isEqualTo(3);
        assertThat(trace.lastTrace().activities).containsExactly("ORDER_PLACED", "PACKED", "DELIVERED");
        assertThat(trace.tooLate()).isEmpty();
    }

    @Test
    void a_closed_order_keeps_state_for_the_retention_and_leaves_no_state_or_timer_after() throws Exception {
        trace.send(orderPlaced("o1", T0), delivered("o1", T0_PLUS_1H));
        assertThat(trace.stateEntries()).isEqualTo(1);
        assertThat(trace.eventTimeTimers()).isEqualTo(1);

        trace.watermark(T0_PLUS_1H + RETENTION.toMillis() - 1);
        assertThat(trace.stateEntries()).isEqualTo(1);

        trace.watermark(T0_PLUS_1H + RETENTION.toMillis());
        assertThat(trace.stateEntries()).isZero();
        assertThat(trace.eventTimeTimers()).isZero();
    }

    @Test
    void a_later_closing_event_moves_the_single_cleanup_timer() throws Exception {
        trace.send(orderPlaced("o1", T0), delivered("o1", T0_PLUS_1H), refundIssued("o1", T0_PLUS_2D));
        assertThat(trace.eventTimeTimers()).isEqualTo(1);

        trace.watermark(T0_PLUS_1H + RETENTION.toMillis());
        assertThat(trace.stateEntries()).as("the refund moved the deadline").isEqualTo(1);

        trace.watermark(T0_PLUS_2D + RETENTION.toMillis());
        assertThat(trace.stateEntries()).isZero();
        assertThat(trace.eventTimeTimers()).isZero();
    }

    @Test
    void an_order_that_never_closes_is_dropped_after_the_idle_expiry_of_its_last_event() throws Exception {
        trace.send(orderPlaced("o1", T0), picked("o1", T0_PLUS_2D));
        assertThat(trace.eventTimeTimers()).isEqualTo(1);

        trace.watermark(T0 + IDLE_EXPIRY.toMillis());
        assertThat(trace.stateEntries()).as("the pick moved the idle deadline").isEqualTo(1);

        trace.watermark(T0_PLUS_2D + IDLE_EXPIRY.toMillis());
        assertThat(trace.stateEntries()).isZero();
        assertThat(trace.eventTimeTimers()).isZero();
    }

    @Test
    void an_event_beyond_the_horizon_for_a_cleaned_up_order_is_a_too_late_dead_letter() throws Exception {
        trace.send(orderPlaced("o1", T0), delivered("o1", T0_PLUS_1H)).watermark(T0_PLUS_40D);
        assertThat(trace.stateEntries()).isZero();
        trace.clearOutput();

        FulfillmentEvent straggler = packed("o1", T0_PLUS_30M);
        trace.send(straggler);

        assertThat(trace.traces()).isEmpty();
        assertThat(trace.eventRows()).isEmpty();
        assertThat(trace.stateEntries()).isZero();
        assertThat(trace.eventTimeTimers()).isZero();
        assertThat(trace.tooLate()).hasSize(1);
        DeadLetter letter = trace.tooLate().get(0);
        assertThat(letter.reason).isEqualTo(DeadLetterReason.TOO_LATE);
        assertThat(new String(letter.key, StandardCharsets.UTF_8)).isEqualTo("acme/o1");
        assertThat(new EventCodec().decode(letter.value, null)).isEqualTo(straggler);
        assertThat(letter.hasSourcePosition()).isFalse();
    }

    @Test
    void an_event_inside_the_horizon_for_a_cleaned_up_order_starts_a_new_trace_with_a_lower_version() throws Exception {
        long cleanedAt = T0_PLUS_1H + RETENTION.toMillis();
        trace.send(orderPlaced("o1", T0), delivered("o1", T0_PLUS_1H)).watermark(cleanedAt);
        trace.clearOutput();

        trace.send(event("o1", "PAYMENT_SETTLED", cleanedAt - HOUR, "FINANCE").build());

        // version 1 < 2: under ReplacingMergeTree(version) the full trace keeps winning
        assertThat(trace.lastTrace().version).isEqualTo(1);
        assertThat(trace.tooLate()).isEmpty();
    }

    @Test
    void replaying_events_after_a_restore_reproduces_identical_rows() throws Exception {
        List<FulfillmentEvent> events = deliveredOrder("o1");
        trace.send(events.subList(0, 3));
        OperatorSubtaskState checkpoint = trace.snapshot();
        trace.clearOutput();
        trace.send(events.subList(3, events.size()));
        List<TraceRow> beforeFailure = trace.traces();
        List<FulfillmentEvent> eventsBeforeFailure = trace.eventRows();

        try (TraceHarness restored = TraceHarness.restore(RETENTION, IDLE_EXPIRY, checkpoint)) {
            restored.send(events.subList(3, events.size()));
            assertThat(restored.traces()).isEqualTo(beforeFailure);
            assertThat(restored.eventRows()).isEqualTo(eventsBeforeFailure);

            restored.send(events.get(0)); // a replay reaching back before the checkpoint is a duplicate
            assertThat(restored.traces()).hasSameSizeAs(beforeFailure);

            restored.watermark(T0_PLUS_1D + RETENTION.toMillis());
            assertThat(restored.stateEntries()).as("the restored timer still cleans up").isZero();
        }
    }

    @Test
    void orders_are_traced_independently() throws Exception {
        trace.send(orderPlaced("o1", T0), orderPlaced("o2", T0_PLUS_1M), delivered("o1", T0_PLUS_1H));

        assertThat(trace.traces()).extracting(t -> t.orderId + ":" + t.version + ":" + t.status)
                .containsExactly("o1:1:open", "o2:1:open", "o1:2:completed");
        assertThat(trace.stateEntries()).isEqualTo(2);
    }

    @Test
    void short_retention_is_honoured() throws Exception {
        try (TraceHarness quick = TraceHarness.open(Duration.ofMinutes(5), IDLE_EXPIRY)) {
            quick.send(orderPlaced("o1", T0), delivered("o1", T0_PLUS_1H)).watermark(T0_PLUS_1H + 5 * MINUTE);
            assertThat(quick.stateEntries()).isZero();
        }
    }
}
