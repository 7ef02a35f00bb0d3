package io.fpi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.schemas.FulfillmentEvent;
import io.fpi.simulator.scenarios.ScenarioName;
import io.fpi.simulator.truth.OrderTruth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each scenario's documented signature is visible against a baseline run with the same seed.
 * Orders are placed for 4 h. Scenarios acting at order intake start at T0 and last 90 min; those
 * acting on shipping or invoicing start 1-2 h in, once orders have reached that stage.
 */
class ScenarioSignatureTest extends SimulatorTestBase {
    private static final long WINDOW_END = T0 + 90 * MINUTE;
    private static Run baseline;

    @BeforeAll
    static void generateBaseline() {
        baseline = run(config().build());
    }

    private static SimulatorConfig.Builder config() {
        return unpaced(17, 0).eventsPerSecond(400).simDuration(Duration.ofHours(4));
    }

    private static Run withScenario(ScenarioName name, String target) {
        return withScenario(name, target, 0, 90 * MINUTE);
    }

    private static Run withScenario(ScenarioName name, String target, long offsetMs, long lengthMs) {
        return run(config().scenario(scenario(name, target, Duration.ofMillis(offsetMs), Duration.ofMillis(lengthMs))).build());
    }

    @Test
    void carrier_outage_concentrates_carrier_api_failures_on_one_carrier_and_stalls_orders_after_label() {
        Run outage = withScenario(ScenarioName.CARRIER_OUTAGE, "SWIFTSHIP", HOUR, 3 * HOUR);
        List<FulfillmentEvent> failures = events(outage, e -> "CARRIER_API_5XX".equals(e.getErrorCode())
                && e.getActivity().equals("INTEGRATION_CALL_FAILED"));
        long onTarget = failures.stream().filter(e -> "SWIFTSHIP".equals(e.getAttributes().get("carrier"))).count();
        assertThat(failures).allMatch(e -> e.getSourceSystem().equals("CARRIER"));
        assertThat((double) onTarget / failures.size()).isGreaterThan(0.9);
        assertThat(failures.size()).isGreaterThan(10 * Math.max(1, events(baseline,
                e -> "CARRIER_API_5XX".equals(e.getErrorCode())).size()));

        // no handoff to the carrier while its API is down
        Predicate<FulfillmentEvent> swiftHandoff = e -> "SWIFTSHIP".equals(e.getAttributes().get("carrier"));
        assertThat(countBetween(baseline, "CARRIER_HANDOFF", swiftHandoff, T0 + HOUR, T0 + 4 * HOUR)).isGreaterThan(50);
        assertThat(countBetween(outage, "CARRIER_HANDOFF", swiftHandoff, T0 + HOUR, T0 + 4 * HOUR)).isZero();
        Predicate<List<FulfillmentEvent>> swiftLabelledAtDcInWindow = order -> {
            FulfillmentEvent label = first(order, "LABEL_CREATED");
            return label != null && "SWIFTSHIP".equals(label.getAttributes().get("carrier")) && label.getNodeId().startsWith("DC-")
                    && label.getEventTime() >= T0 + HOUR && label.getEventTime() < T0 + 4 * HOUR;
        };
        double before = median(gaps(baseline, "LABEL_CREATED", "CARRIER_HANDOFF", swiftLabelledAtDcInWindow));
        double during = median(gaps(outage, "LABEL_CREATED", "CARRIER_HANDOFF", swiftLabelledAtDcInWindow));
        assertThat(during).isGreaterThan(1.5 * before);

        List<OrderTruth> stalled = truths(outage, o -> o.stalled() != null && o.stalled().cause().equals("carrier-outage"));
        assertThat(stalled).hasSizeGreaterThan(50).allMatch(o -> o.stalled().stage().equals("LABEL_CREATED"));
        assertThat(stalled).anyMatch(o -> !o.stalled().movedAgain());
        assertThat(truths(outage, o -> o.late() != null && o.late().cause().equals("carrier-outage"))).isNotEmpty();
    }

    @Test
    void warehouse_wave_delay_stretches_release_to_wave_at_one_dc_only() {
        Run delayed = withScenario(ScenarioName.WAREHOUSE_WAVE_DELAY, "NORTHEAST");
        Predicate<List<FulfillmentEvent>> atDc = releasedInWindowAt("DC-NORTHEAST");
        double before = median(gaps(baseline, "RELEASED_TO_WAREHOUSE", "WAVE_RELEASED", atDc));
        double during = median(gaps(delayed, "RELEASED_TO_WAREHOUSE", "WAVE_RELEASED", atDc));
        assertThat(during).isGreaterThan(4 * before);
        Predicate<List<FulfillmentEvent>> elsewhere = releasedInWindowAt("DC-PACIFIC");
        assertThat(median(gaps(delayed, "RELEASED_TO_WAREHOUSE", "WAVE_RELEASED", elsewhere)))
                .isEqualTo(median(gaps(baseline, "RELEASED_TO_WAREHOUSE", "WAVE_RELEASED", elsewhere)));

        assertThat(truths(delayed, o -> o.stalled() != null && o.stalled().cause().equals("warehouse-wave-delay")))
                .hasSizeGreaterThan(30).allMatch(o -> o.stalled().stage().equals("RELEASED_TO_WAREHOUSE")
                        && "DC-NORTHEAST".equals(o.nodeId()));
        assertThat(events(delayed, e -> e.getActivity().equals("ORDER_REROUTED")
                && "DC-NORTHEAST".equals(e.getAttributes().get("from_node")) && e.getNodeId().startsWith("ST-"))).isNotEmpty();
    }

    @Test
    void store_inventory_drop_brings_sync_mismatches_backorders_reroutes_and_cancellations_to_one_regions_stores() {
        Run drop = withScenario(ScenarioName.STORE_INVENTORY_DROP, "NORTHEAST");
        Predicate<FulfillmentEvent> regionStore = e -> "NORTHEAST".equals(e.getRegion()) && e.getNodeId().startsWith("ST-")
                && e.getEventTime() < WINDOW_END + HOUR;
        assertThat(count(drop, "INVENTORY_SYNC_MISMATCH", regionStore)).isGreaterThan(5 * count(baseline, "INVENTORY_SYNC_MISMATCH", regionStore));
        Predicate<FulfillmentEvent> backorder = regionStore.and(e -> "BACKORDER".equals(e.getErrorCode()));
        assertThat(count(drop, "EXCEPTION_RAISED", backorder)).isGreaterThan(5 * Math.max(1, count(baseline, "EXCEPTION_RAISED", backorder)));
        Predicate<FulfillmentEvent> toDc = e -> "DC-NORTHEAST".equals(e.getNodeId())
                && e.getAttributes().getOrDefault("from_node", "").startsWith("ST-");
        assertThat(count(drop, "ORDER_REROUTED", toDc)).isGreaterThan(3 * Math.max(1, count(baseline, "ORDER_REROUTED", toDc)));
        Predicate<FulfillmentEvent> cancelled = regionStore.and(e -> "BACKORDER".equals(e.getErrorCode()));
        assertThat(count(drop, "ORDER_CANCELLED", cancelled)).isGreaterThan(3 * Math.max(1, count(baseline, "ORDER_CANCELLED", cancelled)));
        // once the OMS reacts, the region's ship-from-store orders are sourced to the DC
        Predicate<FulfillmentEvent> lateInWindowShipFromStore = e -> e.getFulfillmentType().equals("SHIP_FROM_STORE")
                && e.getEventTime() > T0 + 45 * MINUTE && e.getEventTime() < WINDOW_END;
        assertThat(shareSourcedToDc(drop, lateInWindowShipFromStore)).isGreaterThan(0.6);
        assertThat(shareSourcedToDc(baseline, lateInWindowShipFromStore)).isZero();
    }

    @Test
    void erp_sync_lag_delays_invoices_with_erp_timeouts_and_reconciliation_mismatches() {
        Run lag = withScenario(ScenarioName.ERP_SYNC_LAG, null, 2 * HOUR, 2 * HOUR);
        Predicate<FulfillmentEvent> timeout = e -> "ERP_TIMEOUT".equals(e.getErrorCode());
        assertThat(count(lag, "INTEGRATION_CALL_FAILED", timeout))
                .isGreaterThan(10 * Math.max(1, count(baseline, "INTEGRATION_CALL_FAILED", timeout)));
        assertThat(events(lag, timeout)).allMatch(e -> e.getSourceSystem().equals("ERP"));
        Predicate<List<FulfillmentEvent>> shippedInWindow = order -> {
            FulfillmentEvent shipped = first(order, "CARRIER_HANDOFF");
            return shipped != null && shipped.getEventTime() >= T0 + 2 * HOUR && shipped.getEventTime() < T0 + 3 * HOUR;
        };
        double before = median(gaps(baseline, "CARRIER_HANDOFF", "INVOICED", shippedInWindow));
        double during = median(gaps(lag, "CARRIER_HANDOFF", "INVOICED", shippedInWindow));
        assertThat(during).isGreaterThan(HOUR).isGreaterThan(3 * before);
        assertThat(share(lag, shippedInWindow, "RECONCILIATION_MISMATCH")).isGreaterThan(0.1);
        assertThat(share(baseline, shippedInWindow, "RECONCILIATION_MISMATCH")).isLessThan(0.03);
        assertThat(truths(lag, o -> o.effects().stream().anyMatch(f -> f.effect().equals("INVOICE_DELAYED")))).isNotEmpty();
    }

    @Test
    void promotion_peak_multiplies_orders_per_hour_within_its_window_and_slows_stores() {
        Run peak = withScenario(ScenarioName.PROMOTION_PEAK, "4");
        double inWindow = (double) placed(peak, T0, WINDOW_END) / placed(baseline, T0, WINDOW_END);
        double after = (double) placed(peak, WINDOW_END, T0 + 4 * HOUR) / placed(baseline, WINDOW_END, T0 + 4 * HOUR);
        assertThat(inWindow).isBetween(3.4, 4.6);
        assertThat(after).isBetween(0.8, 1.25);
        assertThat(peak.truth().run().scenarios().get(0).multiplier()).isEqualTo(4.0);

        Predicate<List<FulfillmentEvent>> placedInWindow = order -> order.get(0).getEventTime() < WINDOW_END;
        assertThat(median(gaps(peak, "STORE_PICK_STARTED", "STORE_PICKED", placedInWindow)))
                .isGreaterThan(1.5 * median(gaps(baseline, "STORE_PICK_STARTED", "STORE_PICKED", placedInWindow)));
        assertThat(lateShare(peak, T0, WINDOW_END)).isGreaterThan(1.5 * lateShare(baseline, T0, WINDOW_END));
    }

    // ---- helpers over a run ----

    private static List<FulfillmentEvent> events(Run run, Predicate<FulfillmentEvent> p) {
        return run.events().stream().filter(p).toList();
    }

    private static long count(Run run, String activity, Predicate<FulfillmentEvent> p) {
        return run.events().stream().filter(e -> e.getActivity().equals(activity)).filter(p).count();
    }

    private static long countBetween(Run run, String activity, Predicate<FulfillmentEvent> p, long from, long to) {
        return count(run, activity, p.and(e -> e.getEventTime() >= from && e.getEventTime() < to));
    }

    /** Share of the orders matching {@code p} that have an {@code activity} event. */
    private static double share(Run run, Predicate<List<FulfillmentEvent>> p, String activity) {
        List<List<FulfillmentEvent>> matching = sortedOrders(run).values().stream().filter(p).toList();
        return (double) matching.stream().filter(o -> first(o, activity) != null).count() / matching.size();
    }

    private static List<OrderTruth> truths(Run run, Predicate<OrderTruth> p) {
        return run.truth().orders().stream().filter(p).toList();
    }

    private static long placed(Run run, long from, long to) {
        return run.truth().orders().stream().filter(o -> o.placedAtMs() >= from && o.placedAtMs() < to).count();
    }

    private static double lateShare(Run run, long from, long to) {
        List<OrderTruth> placed = truths(run, o -> o.placedAtMs() >= from && o.placedAtMs() < to);
        return (double) placed.stream().filter(o -> o.late() != null).count() / placed.size();
    }

    private static Predicate<List<FulfillmentEvent>> releasedInWindowAt(String dc) {
        return order -> {
            FulfillmentEvent released = first(order, "RELEASED_TO_WAREHOUSE");
            return released != null && dc.equals(released.getNodeId()) && released.getEventTime() < WINDOW_END;
        };
    }

    /** Share of ORDER_SOURCED events matching {@code p} in the NORTHEAST that went to the DC. */
    private static double shareSourcedToDc(Run run, Predicate<FulfillmentEvent> p) {
        List<FulfillmentEvent> sourced = run.events().stream()
                .filter(e -> e.getActivity().equals("ORDER_SOURCED") && "NORTHEAST".equals(e.getRegion())).filter(p).toList();
        assertThat(sourced).hasSizeGreaterThan(10);
        return (double) sourced.stream().filter(e -> e.getNodeId().startsWith("DC-")).count() / sourced.size();
    }

    /** Per order matching {@code p}: time from the first {@code from} to the first {@code to} after it. */
    private static List<Long> gaps(Run run, String from, String to, Predicate<List<FulfillmentEvent>> p) {
        List<Long> out = new ArrayList<>();
        for (List<FulfillmentEvent> order : sortedOrders(run).values()) {
            if (!p.test(order)) {
                continue;
            }
            FulfillmentEvent a = first(order, from);
            FulfillmentEvent b = first(order, to);
            if (a != null && b != null && b.getEventTime() > a.getEventTime()) {
                out.add(b.getEventTime() - a.getEventTime());
            }
        }
        assertThat(out).as("%s -> %s samples", from, to).hasSizeGreaterThan(10);
        return out;
    }

    private static Map<String, List<FulfillmentEvent>> sortedOrders(Run run) {
        Map<String, List<FulfillmentEvent>> orders = run.byOrder();
        orders.values().forEach(l -> l.sort(Comparator.comparingLong(FulfillmentEvent::getEventTime)
                .thenComparing(FulfillmentEvent::getSequence)));
        return orders;
    }

    private static FulfillmentEvent first(List<FulfillmentEvent> order, String activity) {
        for (FulfillmentEvent e : order) {
            if (e.getActivity().equals(activity)) {
                return e;
            }
        }
        return null;
    }
}
