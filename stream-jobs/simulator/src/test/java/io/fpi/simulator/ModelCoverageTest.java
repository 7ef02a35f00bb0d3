package io.fpi.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fpi.schemas.CanonicalActivity;
import io.fpi.schemas.FulfillmentEvent;
import io.fpi.simulator.network.LocalClock;
import io.fpi.simulator.network.Region;
import io.fpi.simulator.stream.RecordStream;
import io.fpi.simulator.truth.OrderTruth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelCoverageTest extends SimulatorTestBase {
    private static final Map<String, Set<String>> SOURCES = new HashMap<>();
    private static Run run;

    static {
        allow(Set.of("ECOM", "MARKETPLACE", "POS", "OMS"), "ORDER_PLACED", "ORDER_MODIFIED", "ORDER_CANCELLED");
        allow(Set.of("PAYMENT"), "PAYMENT_AUTHORIZED", "PAYMENT_FAILED", "FRAUD_REVIEW_STARTED", "FRAUD_REVIEW_CLEARED", "REFUND_ISSUED");
        allow(Set.of("OMS"), "ORDER_SOURCED", "ORDER_SPLIT", "ORDER_REROUTED", "RELEASED_TO_WAREHOUSE");
        allow(Set.of("INVENTORY", "OMS"), "INVENTORY_RESERVED");
        allow(Set.of("INVENTORY"), "INVENTORY_SYNCED", "INVENTORY_SYNC_MISMATCH");
        allow(Set.of("WMS"), "WAVE_RELEASED", "PICKED");
        allow(Set.of("WMS", "POS"), "PACKED", "RETURN_RECEIVED");
        allow(Set.of("POS"), "STORE_PICK_STARTED", "STORE_PICKED", "READY_FOR_PICKUP", "CUSTOMER_COLLECTED", "PICKUP_NO_SHOW");
        allow(Set.of("TMS"), "LABEL_CREATED");
        allow(Set.of("CARRIER"), "CARRIER_HANDOFF", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED", "DELIVERY_FAILED");
        allow(Set.of("ECOM", "POS"), "RETURN_INITIATED");
        allow(Set.of("ERP"), "INVOICED");
        allow(Set.of("FINANCE"), "PAYMENT_SETTLED", "RECONCILIATION_MISMATCH");
        allow(Set.of("OMS", "POS"), "EXCEPTION_RAISED", "EXCEPTION_RESOLVED");
        allow(Set.of("PAYMENT", "WMS", "POS", "TMS", "ERP", "CARRIER"), "INTEGRATION_CALL_FAILED", "INTEGRATION_CALL_RETRIED");
    }

    private static void allow(Set<String> sources, String... activities) {
        for (String a : activities) {
            SOURCES.put(a, sources);
        }
    }

    @BeforeAll
    static void generate() {
        run = run(unpaced(5, 3000).build());
    }

    @Test
    void the_stream_uses_the_whole_canonical_vocabulary_each_activity_from_its_own_system() {
        Set<String> seen = new TreeSet<>();
        for (FulfillmentEvent e : run.events()) {
            seen.add(e.getActivity());
            assertThat(SOURCES.get(e.getActivity())).as(e.getActivity()).contains(e.getSourceSystem());
        }
        List<String> all = new ArrayList<>();
        for (CanonicalActivity a : CanonicalActivity.values()) {
            all.add(a.name());
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void all_fulfillment_types_and_channels_appear_in_a_realistic_mix() {
        Map<String, Integer> types = new TreeMap<>();
        Map<String, Integer> channels = new TreeMap<>();
        for (OrderTruth o : run.truth().orders()) {
            types.merge(o.fulfillmentType(), 1, Integer::sum);
            channels.merge(o.channel(), 1, Integer::sum);
        }
        assertThat(types.keySet()).containsExactlyInAnyOrder("SHIP_TO_HOME", "SHIP_FROM_STORE", "BOPIS", "CURBSIDE", "SAME_DAY");
        assertThat(channels.keySet()).containsExactlyInAnyOrder("WEB", "APP", "MARKETPLACE", "STORE", "CALL_CENTER");
        assertThat(types.get("SHIP_TO_HOME") / 3000.0).isBetween(0.4, 0.6);
        assertThat(types.get("BOPIS") / 3000.0).isBetween(0.1, 0.25);
        assertThat(channels.get("WEB") / 3000.0).isBetween(0.38, 0.52);
    }

    @Test
    void orders_are_fulfilled_by_about_300_stores_and_six_regional_dcs() {
        Set<String> stores = new TreeSet<>();
        Set<String> dcs = new TreeSet<>();
        Set<String> regions = new TreeSet<>();
        for (FulfillmentEvent e : run.events()) {
            if (e.getNodeId() != null) {
                (e.getNodeId().startsWith("ST-") ? stores : dcs).add(e.getNodeId());
                regions.add(e.getRegion());
            }
            if (e.getActivity().equals("WAVE_RELEASED")) {
                assertThat(e.getNodeId()).startsWith("DC-");
            }
            if (e.getActivity().equals("STORE_PICKED")) {
                assertThat(e.getNodeId()).startsWith("ST-");
            }
        }
        assertThat(stores).hasSizeGreaterThan(280).allMatch(s -> s.matches("ST-0[0-2]\\d\\d|ST-0300"));
        assertThat(dcs).containsExactlyInAnyOrder("DC-NORTHEAST", "DC-SOUTHEAST", "DC-MIDWEST", "DC-SOUTHCENTRAL",
                "DC-MOUNTAIN", "DC-PACIFIC");
        assertThat(regions).hasSize(6);
    }

    @Test
    void money_units_carriers_and_exception_codes_are_where_they_belong() {
        Set<String> carriers = new TreeSet<>();
        Set<String> exceptionCodes = new TreeSet<>();
        for (FulfillmentEvent e : run.events()) {
            switch (e.getActivity()) {
                case "ORDER_PLACED" -> {
                    assertThat(e.getAmountMinor()).isPositive();
                    assertThat(e.getCurrency()).isEqualTo("USD");
                    assertThat(e.getUnitsOrdered()).isBetween(1, 12);
                    assertThat(e.getPromisedBy()).isGreaterThan(e.getEventTime());
                }
                case "PICKED", "STORE_PICKED" -> {
                    assertThat(e.getUnitsFulfilled()).isBetween(1, 12);
                    assertThat(e.getCostMinor()).isPositive();
                }
                case "PACKED" -> assertThat(e.getCostMinor()).isPositive();
                case "LABEL_CREATED" -> {
                    assertThat(e.getCostMinor()).isPositive();
                    carriers.add(e.getAttributes().get("carrier"));
                }
                case "EXCEPTION_RAISED" -> exceptionCodes.add(e.getErrorCode());
                case "INVOICED", "PAYMENT_SETTLED", "REFUND_ISSUED" -> assertThat(e.getAmountMinor()).isPositive();
                default -> { }
            }
        }
        assertThat(carriers).containsExactlyInAnyOrder("SWIFTSHIP", "PARCELPRO", "BLUEPOST", "METROCOURIER");
        assertThat(exceptionCodes).containsExactlyInAnyOrder(CanonicalActivity.BACKORDER, CanonicalActivity.SUBSTITUTION,
                CanonicalActivity.CUSTOMER_MODIFICATION, CanonicalActivity.FRAUD_HOLD, CanonicalActivity.MANUAL_INTERVENTION);
    }

    @Test
    void promises_follow_the_fulfillment_type() {
        int bopisInHours = 0;
        for (OrderTruth o : run.truth().orders()) {
            long lead = o.promisedByMs() - o.placedAtMs();
            Region region = Region.valueOf(o.customerRegion());
            long placedLocal = LocalClock.timeOfDay(o.placedAtMs(), region);
            long promisedLocal = LocalClock.timeOfDay(o.promisedByMs(), region);
            switch (o.fulfillmentType()) {
                case "BOPIS" -> {
                    if (placedLocal >= 9 * HOUR && placedLocal <= 19 * HOUR) {
                        assertThat(lead).as("ready 2 h after an in-hours order").isEqualTo(2 * HOUR);
                        bopisInHours++;
                    } else {
                        assertThat(promisedLocal).as("next morning").isEqualTo(11 * HOUR);
                    }
                }
                case "CURBSIDE" -> assertThat(promisedLocal).isBetween(11 * HOUR, 20 * HOUR + 30 * MINUTE);
                case "SAME_DAY" -> {
                    assertThat(promisedLocal).isEqualTo(21 * HOUR);
                    assertThat(lead).isLessThan(placedLocal < 14 * HOUR ? 21 * HOUR : 45 * HOUR);
                }
                default -> {
                    assertThat(promisedLocal).isEqualTo(20 * HOUR);
                    assertThat(lead).isBetween(36 * HOUR, 6 * 24 * HOUR);
                }
            }
        }
        assertThat(bopisInHours).isGreaterThan(100);
    }

    @Test
    void the_order_rate_matches_the_configured_event_rate() {
        double eventsPerOrder = (double) run.events().size() / run.truth().orders().size();
        assertThat(eventsPerOrder).isCloseTo(RecordStream.EVENTS_PER_ORDER, within(RecordStream.EVENTS_PER_ORDER * 0.1));
        long lastPlaced = run.truth().orders().stream().mapToLong(OrderTruth::placedAtMs).max().orElseThrow();
        double ordersPerSimSecond = 3000.0 / ((lastPlaced - T0) / 1000.0);
        assertThat(ordersPerSimSecond).isCloseTo(200 / (60 * RecordStream.EVENTS_PER_ORDER), within(0.02));
    }
}
