package io.fpi.jobs.traces.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.jobs.traces.TraceTestBase;
import io.fpi.jobs.traces.records.OrderChange;
import io.fpi.jobs.traces.records.OrderFacts;
import io.fpi.schemas.FulfillmentEvent;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ORDER_CHANGES side output and the activity times of trace rows, added for KPIs and process mining. */
class OrderChangesTest extends TraceTestBase {
    private TraceHarness h;

    @BeforeEach
    void openHarness() throws Exception {
        h = TraceHarness.open(RETENTION, IDLE_EXPIRY);
    }

    @AfterEach
    void closeHarness() throws Exception {
        h.close();
    }

    private static FulfillmentEvent withCost(FulfillmentEvent e, long cost) {
        return FulfillmentEvent.newBuilder(e).setCostMinor(cost).setCurrency("EUR").build();
    }

    @Test
    void every_new_event_emits_one_change_with_the_facts_before_and_after_it() throws Exception {
        h.send(orderPlaced("o1", T0), orderSourced("o1", T0_PLUS_10M, "DC-01"), delivered("o1", T0_PLUS_2H));

        List<OrderChange> changes = h.orderChanges();
        assertThat(changes).extracting(c -> c.activity).containsExactly("ORDER_PLACED", "ORDER_SOURCED", "DELIVERED");
        assertThat(changes.get(0).before).isNull();
        assertThat(changes.get(1).before).isEqualTo(changes.get(0).after);
        assertThat(changes.get(2).before).isEqualTo(changes.get(1).after);

        OrderFacts done = changes.get(2).after;
        assertThat(done.status).isEqualTo("completed");
        assertThat(done.placedAtMs).isEqualTo(T0);
        assertThat(done.completedAtMs).isEqualTo(T0_PLUS_2H);
        assertThat(done.cycleTimeMs).isEqualTo(T0_PLUS_2H - T0);
        assertThat(done.channel).isEqualTo("WEB");
        assertThat(done.fulfillmentType).isEqualTo("SHIP_TO_HOME");
        assertThat(done.nodeId).isEqualTo("DC-01");
        assertThat(done.region).isEqualTo("EU-WEST");
        assertThat(done.unitsOrdered).isEqualTo(2);
        assertThat(done.unitsFulfilled).isEqualTo(2);
        assertThat(changes.get(0).after.status).isEqualTo("open");
        assertThat(changes.get(0).after.nodeId).isEmpty();
    }

    @Test
    void duplicates_emit_no_change() throws Exception {
        FulfillmentEvent placed = orderPlaced("o1", T0);
        h.send(placed, resent(placed));

        assertThat(h.orderChanges()).hasSize(1);
    }

    @Test
    void a_late_order_placed_moves_placement_and_cycle_time_in_the_after_facts() throws Exception {
        h.send(paymentAuthorized("o1", T0_PLUS_10M), delivered("o1", T0_PLUS_2H), orderPlaced("o1", T0));

        OrderChange last = h.orderChanges().get(2);
        assertThat(last.before.placedAtMs).isEqualTo(T0_PLUS_10M);
        assertThat(last.before.cycleTimeMs).isEqualTo(T0_PLUS_2H - T0_PLUS_10M);
        assertThat(last.after.placedAtMs).isEqualTo(T0);
        assertThat(last.after.cycleTimeMs).isEqualTo(T0_PLUS_2H - T0);
        assertThat(last.after.channel).isEqualTo("WEB");
    }

    @Test
    void cost_is_summed_over_distinct_events_and_returns_and_refunds_are_timed() throws Exception {
        FulfillmentEvent picked = withCost(picked("o1", T0_PLUS_1H), 300);
        h.send(orderPlaced("o1", T0), picked, resent(picked), withCost(packed("o1", T0_PLUS_2H), 150),
                delivered("o1", T0_PLUS_3H), returnInitiated("o1", T0_PLUS_4H), refundIssued("o1", T0_PLUS_6H));

        OrderFacts f = h.orderChanges().get(h.orderChanges().size() - 1).after;
        assertThat(f.costMinor).isEqualTo(450);
        assertThat(f.status).isEqualTo("returned");
        assertThat(f.completedAtMs).isEqualTo(T0_PLUS_3H);
        assertThat(f.returnInitiatedMs).isEqualTo(T0_PLUS_4H);
        assertThat(f.refundIssuedMs).isEqualTo(T0_PLUS_6H);
        assertThat(h.orderChanges().get(0).after.costMinor).isNull();
    }

    @Test
    void changes_carry_the_event_fields_kpis_read() throws Exception {
        h.send(orderPlaced("o1", T0), exceptionRaised("o1", T0_PLUS_1H));

        OrderChange c = h.orderChanges().get(1);
        assertThat(c.dataset).isEqualTo(DATASET);
        assertThat(c.orderId).isEqualTo("o1");
        assertThat(c.eventTimeMs).isEqualTo(T0_PLUS_1H);
        assertThat(c.sourceSystem).isEqualTo("WMS");
        assertThat(c.errorCode).isEqualTo("BACKORDER");
        assertThat(h.orderChanges().get(0).errorCode).isEmpty();
    }

    @Test
    void trace_rows_carry_the_time_of_each_activity_in_trace_order() throws Exception {
        h.send(delivered("o1", T0_PLUS_2H), orderPlaced("o1", T0), picked("o1", T0_PLUS_1H));

        assertThat(h.lastTrace().activities).containsExactly("ORDER_PLACED", "PICKED", "DELIVERED");
        assertThat(h.lastTrace().activityTimesMs).containsExactly(T0, T0_PLUS_1H, T0_PLUS_2H);
    }
}
