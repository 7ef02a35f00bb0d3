package io.fpi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.schemas.CanonicalActivity;
import io.fpi.schemas.FulfillmentEvent;
import io.fpi.schemas.OrderStatus;
import io.fpi.simulator.network.LocalClock;
import io.fpi.simulator.network.Region;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LifecycleTest extends SimulatorTestBase {
    private static final List<List<OrderStatus>> CLOSING_PATHS = List.of(
            List.of(), List.of(OrderStatus.COMPLETED), List.of(OrderStatus.COMPLETED, OrderStatus.RETURNED),
            List.of(OrderStatus.CANCELLED));
    private static final String[][] ORDERED = {
        {"ORDER_PLACED", "PAYMENT_AUTHORIZED", "ORDER_SOURCED", "INVENTORY_RESERVED"},
        {"RELEASED_TO_WAREHOUSE", "WAVE_RELEASED", "PICKED", "LABEL_CREATED", "CARRIER_HANDOFF", "OUT_FOR_DELIVERY", "DELIVERED"},
        {"STORE_PICK_STARTED", "STORE_PICKED", "READY_FOR_PICKUP", "CUSTOMER_COLLECTED"},
        {"FRAUD_REVIEW_STARTED", "FRAUD_REVIEW_CLEARED"},
        {"RETURN_INITIATED", "RETURN_RECEIVED", "REFUND_ISSUED"},
    };
    private static Map<String, List<FulfillmentEvent>> orders;
    private static Run run;

    @BeforeAll
    static void generate() {
        run = run(unpaced(9, 2500).build());
        orders = run.byOrder();
        for (List<FulfillmentEvent> events : orders.values()) {
            events.sort(Comparator.comparingLong(FulfillmentEvent::getEventTime).thenComparing(FulfillmentEvent::getSequence));
        }
    }

    @Test
    void every_order_starts_with_order_placed() {
        assertThat(orders).hasSize(2500);
        orders.values().forEach(events -> assertThat(events.get(0).getActivity()).isEqualTo("ORDER_PLACED"));
    }

    @Test
    void event_ids_are_unique_and_derived_from_order_id_and_step() {
        Set<String> ids = new HashSet<>();
        orders.forEach((orderId, events) -> {
            for (int i = 0; i < events.size(); i++) {
                FulfillmentEvent e = events.get(i);
                assertThat(ids.add(e.getEventId())).as("unique %s", e.getEventId()).isTrue();
                assertThat(e.getEventId()).isEqualTo(String.format("%s-%02d", orderId, i));
                assertThat(e.getSequence()).isEqualTo(i);
            }
        });
    }

    @Test
    void an_order_takes_at_most_one_closing_path_and_nothing_follows_a_cancellation() {
        orders.forEach((orderId, events) -> {
            List<OrderStatus> path = new ArrayList<>();
            for (FulfillmentEvent e : events) {
                OrderStatus s = CanonicalActivity.of(e.getActivity()).orElseThrow().closesAs();
                if (s != null) {
                    path.add(s);
                }
            }
            assertThat(CLOSING_PATHS).as(orderId).contains(path);
            if (path.equals(List.of(OrderStatus.CANCELLED))) {
                assertThat(events.get(events.size() - 1).getActivity()).as(orderId).isEqualTo("ORDER_CANCELLED");
            }
            OrderStatus expected = path.isEmpty() ? OrderStatus.OPEN : path.get(path.size() - 1);
            assertThat(run.truthByOrder().get(orderId).finalStatus()).isEqualTo(expected.wireName());
        });
    }

    @Test
    void milestones_of_a_stage_happen_in_order() {
        orders.forEach((orderId, events) -> {
            for (String[] chain : ORDERED) {
                long last = Long.MIN_VALUE;
                for (String activity : chain) {
                    FulfillmentEvent e = first(events, activity);
                    if (e != null) {
                        assertThat(e.getEventTime()).as("%s %s", orderId, activity).isGreaterThan(last);
                        last = e.getEventTime();
                    }
                }
            }
        });
    }

    @Test
    void pickup_orders_never_ship_and_same_day_orders_go_with_the_courier() {
        orders.forEach((orderId, events) -> {
            String type = events.get(0).getFulfillmentType();
            if (type.equals("BOPIS") || type.equals("CURBSIDE")) {
                assertThat(events).noneMatch(e -> e.getSourceSystem().equals("CARRIER") || e.getSourceSystem().equals("TMS"));
            }
            FulfillmentEvent label = first(events, "LABEL_CREATED");
            if (type.equals("SAME_DAY") && label != null && label.getNodeId().startsWith("ST-")) {
                assertThat(label.getAttributes()).containsEntry("carrier", "METROCOURIER");
            }
        });
    }

    @Test
    void store_work_happens_during_store_hours() {
        for (FulfillmentEvent e : run.events()) {
            if (e.getActivity().equals("STORE_PICK_STARTED") || e.getActivity().equals("READY_FOR_PICKUP")) {
                long tod = LocalClock.timeOfDay(e.getEventTime(), Region.valueOf(e.getRegion()));
                assertThat(tod).as("%s at local %d min", e.getEventId(), tod / MINUTE)
                        .isBetween(LocalClock.STORE_OPEN, LocalClock.STORE_CLOSE);
            }
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
