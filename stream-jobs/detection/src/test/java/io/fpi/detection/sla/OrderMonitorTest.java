package io.fpi.detection.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.detection.findings.FindingTypes;
import io.fpi.schemas.Finding;
import io.fpi.schemas.FulfillmentEvent;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

class OrderMonitorTest extends MonitorTestBase {

    @Test
    void a_breach_is_reported_when_the_watermark_passes_the_deadline_without_the_milestone() throws Exception {
        Order o = shipToHome("O-LATE");
        try (MonitorHarness h = MonitorHarness.open(CONFIG)) {
            h.send(throughTheDc(o)).watermark(T0 + 24 * HOUR - 1);
            assertThat(breach(h, "shipped_24h")).isNull();

            h.watermark(T0 + 24 * HOUR);

            Finding f = breach(h, "shipped_24h");
            assertThat(f).isNotNull();
            assertThat(f.getDeadline()).isEqualTo(T0 + 24 * HOUR);
            assertThat(f.getDetectedAt()).isEqualTo(T0 + 24 * HOUR);
            assertThat(f.getPolicyId()).isEqualTo("ship-to-home");
            assertThat(f.getPolicyVersion()).isEqualTo(POLICIES.version());
            assertThat(f.getStage()).isEqualTo("LABEL_CREATED");
            assertThat(f.getNodeId()).isEqualTo("DC-NORTHEAST");
            assertThat(f.getSourceSystem()).isEqualTo("CARRIER");
            assertThat(f.getSeverity()).isEqualTo(FindingTypes.WARNING);
            assertThat(f.getTraceSummary()).startsWith("ORDER_PLACED 03-02 14:00 > … >").contains("LABEL_CREATED 03-02 16:20");
            assertThat(f.getFindingId()).isEqualTo(io.fpi.policies.sla.FindingIds.of(DATASET, o.id(), "ship-to-home",
                    "shipped_24h", io.fpi.policies.sla.FindingType.SLA_BREACH));
            assertThat(h.outcomes()).anySatisfy(out -> {
                assertThat(out.milestone).isEqualTo("shipped_24h");
                assertThat(out.met).isFalse();
                assertThat(out.decidedAtMs).isEqualTo(T0 + 24 * HOUR);
            });
        }
    }

    @Test
    void at_risk_is_reported_when_80_percent_of_the_window_passed_without_the_milestone() throws Exception {
        Order o = shipToHome("O-RISK");
        long atRisk = T0 + hours(24 * 0.8);
        try (MonitorHarness h = MonitorHarness.open(CONFIG)) {
            h.send(throughTheDc(o)).watermark(atRisk - 1);
            assertThat(h.findings(FindingTypes.AT_RISK)).isEmpty();

            h.watermark(atRisk);

            assertThat(h.findings(FindingTypes.AT_RISK)).singleElement().satisfies(f -> {
                assertThat(f.getMilestone()).isEqualTo("shipped_24h");
                assertThat(f.getDetectedAt()).isEqualTo(atRisk);
                assertThat(f.getDeadline()).isEqualTo(T0 + 24 * HOUR);
                assertThat(f.getEvidence().get("late_by_ms")).isEqualTo(Long.toString(atRisk - (T0 + 24 * HOUR)));
            });
        }
    }

    @Test
    void a_late_milestone_after_a_breach_resolves_it() throws Exception {
        Order o = shipToHome("O-RESOLVED");
        try (MonitorHarness h = MonitorHarness.open(CONFIG)) {
            h.send(throughTheDc(o)).watermark(T0 + 25 * HOUR);
            Finding breach = breach(h, "shipped_24h");

            h.send(at(o, "CARRIER_HANDOFF", T0 + 26 * HOUR)).watermark(T0 + 26 * HOUR);

            List<Finding> resolved = h.findings(FindingTypes.RESOLVED);
            assertThat(resolved).filteredOn(f -> "shipped_24h".equals(f.getMilestone())).singleElement().satisfies(f -> {
                assertThat(f.getResolves()).isEqualTo(breach.getFindingId());
                assertThat(f.getDetectedAt()).isEqualTo(T0 + 26 * HOUR);
                assertThat(f.getEvidence().get("late_by_ms")).isEqualTo(Long.toString(2 * HOUR));
                assertThat(f.getSeverity()).isEqualTo(FindingTypes.INFO);
            });
            // the label-stage stall (9 h) ends with the handoff too
            Finding stall = h.findings(FindingTypes.STALL).get(0);
            assertThat(resolved).anySatisfy(f -> assertThat(f.getResolves()).isEqualTo(stall.getFindingId()));
        }
    }

    @Test
    void an_order_on_time_gets_no_findings_only_met_outcomes_and_leaves_no_state() throws Exception {
        Order o = shipToHome("O-FINE");
        try (MonitorHarness h = MonitorHarness.open(CONFIG)) {
            h.send(throughTheDc(o)).send(at(o, "CARRIER_HANDOFF", T0 + 4 * HOUR), at(o, "IN_TRANSIT", T0 + 9 * HOUR),
                    at(o, "OUT_FOR_DELIVERY", T0 + 20 * HOUR), at(o, "DELIVERED", T0 + 24 * HOUR));

            h.watermark(T0 + 30 * 24 * HOUR);

            assertThat(h.findings()).isEmpty();
            assertThat(h.outcomes()).extracting(out -> out.milestone + (out.met ? " met at " : " missed at ") + (out.decidedAtMs - T0) / MINUTE)
                    .containsExactlyInAnyOrder("shipped_24h met at 240", "delivered_by_promise met at 1440");
            assertThat(h.stateEntries()).isZero();
            assertThat(h.timers()).isZero();
        }
    }

    @Test
    void ready_in_2h_counts_store_hours_across_the_closing() throws Exception {
        long placedAt = T0 + hours(11.5); // 20:30 at the store, half an hour before closing
        Order o = bopis("O-BOPIS", T0 + 26 * HOUR);
        try (MonitorHarness h = MonitorHarness.open(CONFIG)) {
            h.send(placed(o, placedAt), at(o, "PAYMENT_AUTHORIZED", placedAt + MINUTE),
                    at(o, "ORDER_SOURCED", placedAt + 2 * MINUTE), at(o, "INVENTORY_RESERVED", placedAt + 3 * MINUTE));

            h.watermark(placedAt + 2 * HOUR + MINUTE); // 22:31, two wall-clock hours later, the store is dark
            assertThat(h.findings()).isEmpty();

            h.watermark(T0 + 25 * HOUR + 30 * MINUTE); // 10:30 next morning = 30 min tonight + 90 min tomorrow
            assertThat(h.findings()).filteredOn(f -> "ready_in_2h".equals(f.getMilestone()))
                    .extracting(f -> f.getType() + " at " + (f.getDetectedAt() - T0) / MINUTE)
                    .containsExactly("AT_RISK at 1506", "SLA_BREACH at 1530"); // 10:06 (80 % = 96 open minutes), 10:30
        }
    }

    @Test
    void store_stages_do_not_stall_overnight() throws Exception {
        Order o = bopis("O-NIGHT", T0 + 26 * HOUR);
        long evening = T0 + 11 * HOUR; // 20:00 at the store
        try (MonitorHarness h = MonitorHarness.open(CONFIG)) {
            h.send(placed(o, evening - 5 * MINUTE), at(o, "PAYMENT_AUTHORIZED", evening - 4 * MINUTE),
                    at(o, "ORDER_SOURCED", evening - 2 * MINUTE), at(o, "INVENTORY_RESERVED", evening),
                    at(o, "STORE_PICK_STARTED", T0 + hours(24.5))); // 09:30 next day: 1.5 store hours later
            h.watermark(T0 + 26 * HOUR);

            assertThat(h.findings(FindingTypes.STALL)).isEmpty();
        }
    }

    @Test
    void a_stall_is_reported_past_the_stage_threshold_and_resolved_when_the_order_moves() throws Exception {
        Order o = shipToHome("O-STALL");
        long released = T0 + 15 * MINUTE;
        try (MonitorHarness h = MonitorHarness.open(CONFIG)) {
            h.send(placed(o, T0), at(o, "PAYMENT_AUTHORIZED", T0 + MINUTE), at(o, "ORDER_SOURCED", T0 + 3 * MINUTE),
                    at(o, "INVENTORY_RESERVED", T0 + 4 * MINUTE), at(o, "RELEASED_TO_WAREHOUSE", released));
            h.watermark(released + 6 * HOUR - 1);
            assertThat(h.findings(FindingTypes.STALL)).isEmpty();

            h.watermark(released + 6 * HOUR);
            Finding stall = h.findings(FindingTypes.STALL).get(0);
            assertThat(stall.getFindingId()).isEqualTo(FindingTypes.id(FindingTypes.STALL, DATASET, o.id(),
                    "RELEASED_TO_WAREHOUSE", Long.toString(released)));
            assertThat(stall.getStage()).isEqualTo("RELEASED_TO_WAREHOUSE");
            assertThat(stall.getIdleMs()).isEqualTo(6 * HOUR);
            assertThat(stall.getDetectedAt()).isEqualTo(released + 6 * HOUR);
            assertThat(stall.getLastActivity()).isEqualTo("RELEASED_TO_WAREHOUSE");
            assertThat(stall.getSourceSystem()).isEqualTo("WMS");
            assertThat(stall.getNodeId()).isEqualTo("DC-NORTHEAST");
            assertThat(stall.getFulfillmentType()).isEqualTo("SHIP_TO_HOME");
            assertThat(stall.getEvidence()).containsEntry("reason", "threshold").containsEntry("since_ms", Long.toString(released));

            h.send(at(o, "WAVE_RELEASED", T0 + 7 * HOUR)).watermark(T0 + 7 * HOUR);

            assertThat(h.findings(FindingTypes.RESOLVED)).filteredOn(f -> f.getMilestone() == null).singleElement().satisfies(f -> {
                assertThat(f.getResolves()).isEqualTo(stall.getFindingId());
                assertThat(f.getDetectedAt()).isEqualTo(T0 + 7 * HOUR);
                assertThat(f.getIdleMs()).isEqualTo(T0 + 7 * HOUR - released);
                assertThat(f.getLastActivity()).isEqualTo("WAVE_RELEASED");
            });
        }
    }

    @Test
    void a_stall_is_reported_even_if_the_order_moved_before_the_watermark_got_there() throws Exception {
        Order o = shipToHome("O-STALL");
        long released = T0 + 15 * MINUTE;
        try (MonitorHarness h = MonitorHarness.open(CONFIG)) {
            h.send(placed(o, T0), at(o, "PAYMENT_AUTHORIZED", T0 + MINUTE), at(o, "ORDER_SOURCED", T0 + 3 * MINUTE),
                    at(o, "INVENTORY_RESERVED", T0 + 4 * MINUTE), at(o, "RELEASED_TO_WAREHOUSE", released),
                    at(o, "WAVE_RELEASED", T0 + 7 * HOUR), at(o, "PICKED", T0 + hours(7.5)));

            h.watermark(T0 + 8 * HOUR); // a replay: the watermark lags far behind the events

            assertThat(h.findings()).filteredOn(f -> f.getMilestone() == null)
                    .extracting(f -> f.getType() + " " + f.getStage() + " at " + (f.getDetectedAt() - T0) / MINUTE)
                    .containsExactly("STALL RELEASED_TO_WAREHOUSE at 375", "RESOLVED RELEASED_TO_WAREHOUSE at 420");
            assertThat(h.findings(FindingTypes.STALL).get(0).getFindingId()).isEqualTo(FindingTypes.id(FindingTypes.STALL,
                    DATASET, o.id(), "RELEASED_TO_WAREHOUSE", Long.toString(released)));
        }
    }

    @Test
    void a_carrier_that_keeps_failing_stalls_the_parcel_long_before_the_threshold() throws Exception {
        Order o = shipToHome("O-OUTAGE");
        long label = T0 + 2 * HOUR + 20 * MINUTE;
        try (MonitorHarness h = MonitorHarness.open(CONFIG)) {
            h.send(throughTheDc(o)).send(carrierFailure(o, label + 10 * MINUTE), carrierRetried(o, label + 30 * MINUTE),
                    carrierFailure(o, label + 30 * MINUTE + 20_000), carrierRetried(o, label + 55 * MINUTE),
                    carrierFailure(o, label + 55 * MINUTE + 15_000));

            h.watermark(label + 2 * HOUR);

            assertThat(h.findings(FindingTypes.STALL)).singleElement().satisfies(f -> {
                assertThat(f.getDetectedAt()).isEqualTo(label + 2 * HOUR);
                assertThat(f.getEvidence()).containsEntry("reason", "blocked");
                assertThat(f.getLastActivity()).isEqualTo("INTEGRATION_CALL_FAILED");
                assertThat(f.getSourceSystem()).isEqualTo("CARRIER");
            });
        }
    }

    @Test
    void a_store_parcel_whose_carrier_fails_is_blocked_only_after_its_collection_not_hours_before_it() throws Exception {
        // ST-0001 is UTC-5: T0 = 09:00 local; the 16:00 collection's ready-by is 15:30 = T0 + 6 h 30
        Order o = new Order("O-STORE-OUTAGE", "SHIP_FROM_STORE", "WEB", "ST-0001", "NORTHEAST", T0 + 4 * 24 * HOUR);
        long label = T0 + HOUR;
        try (MonitorHarness h = MonitorHarness.open(CONFIG)) {
            h.send(placed(o, T0), at(o, "PAYMENT_AUTHORIZED", T0 + MINUTE), at(o, "ORDER_SOURCED", T0 + 3 * MINUTE),
                    at(o, "INVENTORY_RESERVED", T0 + 4 * MINUTE), at(o, "STORE_PICK_STARTED", T0 + 20 * MINUTE),
                    at(o, "STORE_PICKED", T0 + 35 * MINUTE), at(o, "PACKED", T0 + 50 * MINUTE), labelled(o, label),
                    carrierFailure(o, label + 10 * MINUTE), carrierRetried(o, label + 30 * MINUTE),
                    carrierFailure(o, label + 30 * MINUTE + 20_000));

            h.watermark(T0 + 8 * HOUR - 1);
            assertThat(h.findings(FindingTypes.STALL)).as("failing since 10:10, but the collection is at 16:00").isEmpty();

            h.watermark(T0 + 8 * HOUR); // ready-by 15:30 + blocked_after 1 h 30: 17:00, still blocked
            assertThat(h.findings(FindingTypes.STALL)).singleElement().satisfies(f -> {
                assertThat(f.getDetectedAt()).isEqualTo(T0 + 8 * HOUR);
                assertThat(f.getEvidence()).containsEntry("reason", "blocked");
                assertThat(f.getStage()).isEqualTo("LABEL_CREATED");
            });
        }
    }

    @Test
    void a_failure_followed_by_a_successful_retry_does_not_block_the_parcel() throws Exception {
        Order o = shipToHome("O-GLITCH");
        long label = T0 + 2 * HOUR + 20 * MINUTE;
        try (MonitorHarness h = MonitorHarness.open(CONFIG)) {
            h.send(throughTheDc(o)).send(carrierFailure(o, label + 10 * MINUTE), carrierRetried(o, label + 13 * MINUTE),
                    at(o, "CARRIER_HANDOFF", label + 6 * HOUR));

            h.watermark(label + 7 * HOUR);

            assertThat(h.findings(FindingTypes.STALL)).isEmpty();
        }
    }

    @Test
    void a_glitch_retried_within_minutes_does_not_stall_a_parcel_that_has_already_waited_long() throws Exception {
        Order o = shipToHome("O-LATE-GLITCH");
        long label = T0 + 2 * HOUR + 20 * MINUTE;
        try (MonitorHarness h = MonitorHarness.open(CONFIG)) {
            // 2 h 30 after the label (past blocked_after) one call fails and is retried 4 min later
            h.send(throughTheDc(o)).send(carrierFailure(o, label + 150 * MINUTE), carrierRetried(o, label + 154 * MINUTE),
                    at(o, "CARRIER_HANDOFF", label + 5 * HOUR));

            h.watermark(label + 6 * HOUR);

            assertThat(h.findings(FindingTypes.STALL)).isEmpty();
        }
    }

    @Test
    void an_exception_someone_works_on_pauses_the_stage_clock_until_it_is_resolved() throws Exception {
        Order o = shipToHome("O-HOLD");
        long released = T0 + 15 * MINUTE;
        try (MonitorHarness h = MonitorHarness.open(CONFIG)) {
            h.send(placed(o, T0), at(o, "PAYMENT_AUTHORIZED", T0 + MINUTE), at(o, "ORDER_SOURCED", T0 + 3 * MINUTE),
                    at(o, "INVENTORY_RESERVED", T0 + 4 * MINUTE), at(o, "RELEASED_TO_WAREHOUSE", released),
                    exception(o, true, "MANUAL_INTERVENTION", released + 5 * MINUTE),
                    exception(o, false, "MANUAL_INTERVENTION", released + 8 * HOUR),
                    at(o, "WAVE_RELEASED", released + 13 * HOUR)); // 5 h after the agent fixed it: under 6 h
            h.watermark(released + 14 * HOUR);
            assertThat(h.findings(FindingTypes.STALL)).isEmpty();
        }
        Order forgotten = shipToHome("O-FORGOTTEN");
        try (MonitorHarness h = MonitorHarness.open(CONFIG)) {
            h.send(placed(forgotten, T0), at(forgotten, "ORDER_SOURCED", T0 + 3 * MINUTE),
                    at(forgotten, "RELEASED_TO_WAREHOUSE", released),
                    exception(forgotten, true, "MANUAL_INTERVENTION", released + 5 * MINUTE));
            h.watermark(released + 5 * MINUTE + 14 * HOUR);
            assertThat(h.findings(FindingTypes.STALL)).singleElement()
                    .satisfies(f -> assertThat(f.getEvidence()).containsEntry("reason", "hold"));
        }
    }

    @Test
    void a_restore_and_replay_reproduces_the_same_findings_with_the_same_ids() throws Exception {
        Order o = shipToHome("O-REPLAY");
        List<Finding> uninterrupted;
        OperatorSubtaskState snapshot;
        try (MonitorHarness h = MonitorHarness.open(CONFIG)) {
            h.send(throughTheDc(o)).watermark(T0 + 12 * HOUR);
            snapshot = h.snapshot();
            h.send(at(o, "CARRIER_HANDOFF", T0 + 26 * HOUR)).watermark(T0 + 30 * HOUR);
            uninterrupted = h.findings();
        }
        try (MonitorHarness restored = MonitorHarness.restore(CONFIG, snapshot)) {
            // the source rewinds to the checkpoint: everything after it comes again
            restored.send(at(o, "CARRIER_HANDOFF", T0 + 26 * HOUR)).watermark(T0 + 30 * HOUR);
            List<String> beforeSnapshot = uninterrupted.stream().filter(f -> f.getDetectedAt() <= T0 + 12 * HOUR)
                    .map(Finding::getFindingId).collect(Collectors.toList());
            List<String> afterSnapshot = uninterrupted.stream().filter(f -> f.getDetectedAt() > T0 + 12 * HOUR)
                    .map(Finding::getFindingId).collect(Collectors.toList());
            assertThat(beforeSnapshot).isNotEmpty();
            assertThat(restored.findings()).extracting(Finding::getFindingId).containsExactlyElementsOf(afterSnapshot);
            assertThat(uninterrupted).extracting(Finding::getFindingId).doesNotHaveDuplicates();
        }
    }

    @Test
    void every_order_has_exactly_one_timer_and_none_once_it_completed() throws Exception {
        Order o = shipToHome("O-ONE-TIMER");
        try (MonitorHarness h = MonitorHarness.open(CONFIG)) {
            for (FulfillmentEvent e : throughTheDc(o)) {
                h.send(e);
                assertThat(h.timers()).as("after %s", e.getActivity()).isEqualTo(1);
            }
            h.watermark(T0 + 3 * HOUR);
            assertThat(h.timers()).isEqualTo(1);
            h.send(at(o, "CARRIER_HANDOFF", T0 + 4 * HOUR), at(o, "DELIVERED", T0 + 30 * HOUR));
            assertThat(h.timers()).isEqualTo(1);

            h.watermark(T0 + 30 * HOUR);

            assertThat(h.timers()).isZero();
            assertThat(h.stateEntries()).isZero();
        }
    }

    @Test
    void events_after_completion_and_stragglers_of_a_cleaned_up_order_do_not_bring_its_state_back() throws Exception {
        Order o = shipToHome("O-AFTER");
        try (MonitorHarness h = MonitorHarness.open(CONFIG)) {
            h.send(throughTheDc(o)).send(at(o, "CARRIER_HANDOFF", T0 + 4 * HOUR), at(o, "DELIVERED", T0 + 30 * HOUR))
                    .watermark(T0 + 31 * HOUR);
            assertThat(h.stateEntries()).isZero();

            h.send(at(o, "INVOICED", T0 + 32 * HOUR), at(o, "RETURN_INITIATED", T0 + 40 * HOUR),
                    at(o, "OUT_FOR_DELIVERY", T0 + 20 * HOUR)); // finance, a return, and a straggler behind the watermark
            h.watermark(T0 + 60 * 24 * HOUR);

            assertThat(h.stateEntries()).isZero();
            assertThat(h.timers()).isZero();
            assertThat(h.findings(FindingTypes.STALL)).isEmpty();
        }
    }

    @Test
    void an_order_that_never_closes_is_reported_and_then_dropped_after_the_idle_expiry() throws Exception {
        Order o = shipToHome("O-ABANDONED");
        try (MonitorHarness h = MonitorHarness.open(CONFIG)) {
            h.send(placed(o, T0)).watermark(T0 + 29 * 24 * HOUR);
            assertThat(h.findings(FindingTypes.STALL)).extracting(Finding::getStage).containsExactly("ORDER_PLACED");
            assertThat(h.stateEntries()).isEqualTo(1);

            h.watermark(T0 + 30 * 24 * HOUR);

            assertThat(h.stateEntries()).isZero();
            assertThat(h.timers()).isZero();
        }
    }

    @Test
    void a_cancelled_order_owes_nothing_and_leaves_no_state() throws Exception {
        Order o = shipToHome("O-CANCELLED");
        try (MonitorHarness h = MonitorHarness.open(CONFIG)) {
            h.send(placed(o, T0), at(o, "PAYMENT_AUTHORIZED", T0 + MINUTE), at(o, "ORDER_CANCELLED", T0 + HOUR))
                    .watermark(T0 + 10 * 24 * HOUR);

            assertThat(h.findings()).isEmpty();
            assertThat(h.outcomes()).isEmpty();
            assertThat(h.stateEntries()).isZero();
        }
    }

    private static Finding breach(MonitorHarness h, String milestone) {
        return h.findings(FindingTypes.SLA_BREACH).stream().filter(f -> milestone.equals(f.getMilestone())).findFirst().orElse(null);
    }
}
