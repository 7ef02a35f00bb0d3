package io.fpi.detection.kpi.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.detection.kpi.KpiTestBase;
import io.fpi.detection.kpi.records.KpiContribution;
import io.fpi.detection.kpi.records.KpiMinuteRow;
import io.fpi.detection.kpi.records.Measure;
import io.fpi.jobs.traces.records.OrderChange;
import io.fpi.jobs.traces.records.OrderFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class OrderChangeContributionsTest extends KpiTestBase {
    private final OrderChangeContributions fn = new OrderChangeContributions();

    private List<KpiContribution> run(OrderChange... changes) {
        List<KpiContribution> out = new ArrayList<>();
        Collector<KpiContribution> collector = new Collector<>() {
            @Override
            public void collect(KpiContribution c) {
                out.add(c);
            }

            @Override
            public void close() {}
        };
        for (OrderChange c : changes) {
            fn.flatMap(c, collector);
        }
        return out;
    }

    /** Net effect of contributions per (minute, node): folded into minute rows. */
    private static Map<String, KpiMinuteRow> fold(List<KpiContribution> contributions) {
        Map<String, KpiMinuteRow> rows = new HashMap<>();
        for (KpiContribution c : contributions) {
            rows.computeIfAbsent(c.minuteMs + "/" + c.nodeId, k -> KpiMinuteRow.keyedLike(c)).add(c);
        }
        return rows;
    }

    @Test
    void the_first_event_of_an_order_counts_it_placed_in_its_minute() {
        List<KpiContribution> out = run(change("o1", "ORDER_PLACED", T0_PLUS_30S, null, placed(T0_PLUS_30S)));

        assertThat(out).containsExactly(new KpiContribution(DATASET, "WEB", "SHIP_TO_HOME", "", "", T0,
                Measure.ORDERS_PLACED, 1, 0, ""));
    }

    @Test
    void an_event_that_changes_no_fact_contributes_nothing() {
        OrderFacts f = placed(T0);

        assertThat(run(change("o1", "PAYMENT_AUTHORIZED", T0_PLUS_1M, f, copy(f)))).isEmpty();
    }

    @Test
    void completion_adds_completed_cycle_time_units_and_cost_in_the_minute_of_completion() {
        OrderFacts open = sourced(placed(T0), "DC-1", "EU");
        OrderFacts done = closed(open, "completed", T0_PLUS_2H + 5_000, 1, 900L);

        List<KpiContribution> out = run(change("o1", "DELIVERED", T0_PLUS_2H + 5_000, open, done));

        assertThat(out).extracting(c -> c.measure + ":" + c.value + "@" + (c.minuteMs - T0))
                .containsExactlyInAnyOrder("ORDERS_COMPLETED:0@7200000", "CYCLE_TIME:7205000@7200000",
                        "UNITS_ORDERED:2@7200000", "UNITS_FULFILLED:1@7200000", "COST:900@7200000");
        assertThat(out).allMatch(c -> c.sign == 1 && c.nodeId.equals("DC-1"));
    }

    @Test
    void a_cancellation_counts_ordered_units_with_nothing_fulfilled_and_no_cycle_time() {
        OrderFacts open = placed(T0);

        List<KpiContribution> out = run(change("o1", "ORDER_CANCELLED", T0_PLUS_10M, open,
                closed(open, "cancelled", T0_PLUS_10M, null, null)));

        assertThat(out).extracting(c -> c.measure + ":" + c.value)
                .containsExactlyInAnyOrder("ORDERS_CANCELLED:0", "UNITS_ORDERED:2", "UNITS_FULFILLED:0");
    }

    @Test
    void sourcing_moves_every_fact_of_the_order_to_the_node_it_now_belongs_to() {
        OrderFacts open = placed(T0);
        OrderFacts atNode = sourced(open, "ST-7", "US-SE");

        Map<String, KpiMinuteRow> rows = fold(run(change("o1", "ORDER_PLACED", T0, null, open),
                change("o1", "ORDER_SOURCED", T0_PLUS_1M, open, atNode)));

        assertThat(rows.get(T0 + "/").ordersPlaced).isZero();
        assertThat(rows.get(T0 + "/ST-7").ordersPlaced).isEqualTo(1);
        assertThat(rows.get(T0 + "/ST-7").region).isEqualTo("US-SE");
    }

    @Test
    void a_late_order_placed_retracts_the_old_placement_and_cycle_time_and_adds_the_new_ones() {
        OrderFacts guessed = placed(T0_PLUS_10M);
        OrderFacts doneGuessed = closed(guessed, "completed", T0_PLUS_2H, 2, null);
        OrderFacts placedEarlier = copy(guessed);
        placedEarlier.placedAtMs = T0;
        OrderFacts doneActual = closed(placedEarlier, "completed", T0_PLUS_2H, 2, null);

        Map<String, KpiMinuteRow> rows = fold(run(change("o1", "PAYMENT_AUTHORIZED", T0_PLUS_10M, null, guessed),
                change("o1", "DELIVERED", T0_PLUS_2H, guessed, doneGuessed),
                change("o1", "ORDER_PLACED", T0, doneGuessed, doneActual)));

        assertThat(rows.get(T0_PLUS_10M + "/").ordersPlaced).isZero();
        assertThat(rows.get(T0 + "/").ordersPlaced).isEqualTo(1);
        KpiMinuteRow completion = rows.get(T0_PLUS_2H + "/");
        assertThat(completion.ordersCompleted).isEqualTo(1);
        assertThat(completion.cycleCount).isEqualTo(1);
        assertThat(completion.cycleSumMs).isEqualTo(T0_PLUS_2H - T0);
        assertThat(completion.unitsOrdered).isEqualTo(2);
    }

    @Test
    void a_refund_turns_the_order_returned_in_the_refund_minute_and_times_the_refund_cycle() {
        OrderFacts done = closed(placed(T0), "completed", T0_PLUS_1H, 2, null);
        OrderFacts returning = copy(done);
        returning.returnInitiatedMs = T0_PLUS_2H;
        OrderFacts refunded = copy(returning);
        refunded.status = "returned";
        refunded.refundIssuedMs = T0_PLUS_3H;

        List<KpiContribution> out = run(change("o1", "RETURN_INITIATED", T0_PLUS_2H, done, returning),
                change("o1", "REFUND_ISSUED", T0_PLUS_3H, returning, refunded));

        assertThat(out).extracting(c -> c.measure + ":" + c.value + "@" + (c.minuteMs - T0))
                .containsExactlyInAnyOrder("ORDERS_RETURNED:0@10800000", "REFUND_CYCLE:3600000@10800000");
    }

    @Test
    void exceptions_syncs_and_integration_failures_count_once_in_the_event_minute_with_the_order_dimensions() {
        OrderFacts f = sourced(placed(T0), "DC-1", "EU");
        OrderChange failed = new OrderChange(DATASET, "o1", "INTEGRATION_CALL_FAILED", T0_PLUS_2M + 1, "WMS",
                "WMS_TIMEOUT", f, f);

        List<KpiContribution> out = run(exception("o1", "EXCEPTION_RAISED", "BACKORDER", T0_PLUS_1M, f),
                change("o1", "INVENTORY_SYNCED", T0_PLUS_1M, f, f), change("o1", "INVENTORY_SYNC_MISMATCH", T0_PLUS_1M, f, f),
                failed);

        assertThat(out).extracting(c -> c.measure + ":" + c.label + "@" + (c.minuteMs - T0) + ":" + c.nodeId)
                .containsExactly("EXCEPTION_RAISED:@60000:DC-1", "INVENTORY_SYNC:@60000:DC-1",
                        "INVENTORY_SYNC_MISMATCH:@60000:DC-1", "INTEGRATION_FAILURE:WMS@120000:DC-1");
    }

    @Test
    void summed_over_all_changes_an_order_counts_once_with_its_final_facts_whatever_happened_in_between() {
        OrderFacts a = placed(T0_PLUS_1M);
        OrderFacts b = sourced(a, "DC-1", "EU");
        OrderFacts c = sourced(b, "DC-2", "EU");
        OrderFacts d = closed(c, "completed", T0_PLUS_1H, 2, 100L);
        OrderFacts e = closed(c, "completed", T0_PLUS_1H, 2, 250L);

        Map<String, KpiMinuteRow> rows = fold(run(change("o1", "ORDER_PLACED", T0_PLUS_1M, null, a),
                change("o1", "ORDER_SOURCED", T0_PLUS_2M, a, b), change("o1", "ORDER_REROUTED", T0_PLUS_10M, b, c),
                change("o1", "DELIVERED", T0_PLUS_1H, c, d), change("o1", "INVOICED", T0_PLUS_2H, d, e)));

        long placedTotal = rows.values().stream().mapToLong(r -> r.ordersPlaced).sum();
        assertThat(placedTotal).isEqualTo(1);
        assertThat(rows.get(T0_PLUS_1M + "/DC-2").ordersPlaced).isEqualTo(1);
        assertThat(rows.get(T0_PLUS_1H + "/DC-2").costOrders).isEqualTo(1);
        assertThat(rows.get(T0_PLUS_1H + "/DC-2").costMinor).isEqualTo(250);
        assertThat(rows.values()).allSatisfy(r -> assertThat(r.ordersPlaced).isBetween(0L, 1L));
    }
}
