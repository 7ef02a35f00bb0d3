package io.fpi.policies.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The evaluator's stories, one order at a time, with the order's timer fired by watermarks. */
class SlaEvaluatorTest extends SlaTestBase {
    /** BOPIS placed Monday 20:30 at a store closing at 21:00: 30 min tonight, 90 min tomorrow. */
    private static final long PLACED = ny("2025-01-13T20:30");
    private static final long READY_DEADLINE = ny("2025-01-14T10:30");
    /** 80 % of the 2 open hours: 30 min tonight + 66 min tomorrow. */
    private static final long READY_AT_RISK = ny("2025-01-14T10:06");

    private void placeBopis() {
        process(orderPlaced(PLACED, "BOPIS", null), orderSourced(PLACED + 2 * MINUTE, STORE));
    }

    @Test
    void bopis_placed_half_an_hour_before_closing_is_due_next_morning_on_the_store_clock() {
        assertThat(process(orderPlaced(PLACED, "BOPIS", null))).as("no store yet: its hours are unknown")
                .isEqualTo(SlaEvaluator.NO_TIMER);
        assertThat(status("ready_in_2h").state()).isEqualTo(RuleStatus.State.WAITING);

        assertThat(process(orderSourced(PLACED + 2 * MINUTE, STORE))).isEqualTo(READY_AT_RISK);
        RuleStatus ready = status("ready_in_2h");
        assertThat(ready.deadlineMs()).isEqualTo(READY_DEADLINE);
        assertThat(ready.atRiskMs()).isEqualTo(READY_AT_RISK);
        assertThat(ready.state()).isEqualTo(RuleStatus.State.PENDING);
    }

    @Test
    void at_risk_at_80_percent_then_breach_at_the_deadline_then_resolved_by_the_late_milestone() {
        placeBopis();
        assertThat(watermark(READY_AT_RISK - 1)).isEmpty();

        List<SlaFinding> atRisk = watermark(READY_AT_RISK);
        assertThat(atRisk).extracting(SlaTestBase::describe).containsExactly("AT_RISK ready_in_2h");
        SlaFinding f = atRisk.get(0);
        assertThat(f.occurredAtMs()).isEqualTo(READY_AT_RISK);
        assertThat(f.deadlineMs()).isEqualTo(READY_DEADLINE);
        assertThat(f.lateByMs()).isEqualTo(-24 * MINUTE);
        assertThat(f.satisfiedAtMs()).isNull();
        assertThat(f.policyId()).isEqualTo("bopis");
        assertThat(f.policyVersion()).isEqualTo("eval-1");
        assertThat(f.clock()).isEqualTo(Clock.BUSINESS);
        assertThat(f.nodeId()).isEqualTo(STORE);
        assertThat(state.nextTimerMs).isEqualTo(READY_DEADLINE);

        List<SlaFinding> breach = watermark(READY_DEADLINE);
        assertThat(breach).extracting(SlaTestBase::describe).containsExactly("SLA_BREACH ready_in_2h");
        assertThat(breach.get(0).occurredAtMs()).isEqualTo(READY_DEADLINE);
        assertThat(breach.get(0).lateByMs()).isZero();
        assertThat(state.nextTimerMs).as("nothing to wait for until the milestone comes").isEqualTo(SlaEvaluator.NO_TIMER);

        long ready = ny("2025-01-14T11:00");
        assertThat(process(event("READY_FOR_PICKUP", ready))).isEqualTo(ready);
        List<SlaFinding> resolved = watermark(ready);
        assertThat(resolved).extracting(SlaTestBase::describe).containsExactly("RESOLVED ready_in_2h");
        assertThat(resolved.get(0).satisfiedAtMs()).isEqualTo(ready);
        assertThat(resolved.get(0).satisfiedBy()).isEqualTo("READY_FOR_PICKUP");
        assertThat(resolved.get(0).lateByMs()).isEqualTo(30 * MINUTE);
        assertThat(state.nextTimerMs).isEqualTo(SlaEvaluator.NO_TIMER);
        assertThat(endOfInput()).isEmpty();
        assertThat(status("ready_in_2h").state()).isEqualTo(RuleStatus.State.MET_LATE);
    }

    @Test
    void a_milestone_before_the_at_risk_point_reports_nothing_and_leaves_no_timer() {
        placeBopis();
        assertThat(process(event("READY_FOR_PICKUP", ny("2025-01-14T09:45")))).isEqualTo(SlaEvaluator.NO_TIMER);
        assertThat(endOfInput()).isEmpty();
        assertThat(status("ready_in_2h").state()).isEqualTo(RuleStatus.State.MET);
    }

    @Test
    void a_milestone_between_the_at_risk_point_and_the_deadline_is_only_at_risk() {
        placeBopis();
        process(event("READY_FOR_PICKUP", ny("2025-01-14T10:15")));
        assertThat(state.nextTimerMs).as("the at-risk point passed before the milestone").isEqualTo(READY_AT_RISK);
        assertThat(endOfInput()).extracting(SlaTestBase::describe).containsExactly("AT_RISK ready_in_2h");
    }

    @Test
    void same_day_delivered_after_the_promise_is_breached_then_resolved() {
        long placed = ny("2025-01-13T10:00");
        long promise = ny("2025-01-13T21:00");
        long atRisk = ny("2025-01-13T18:48"); // 80 % of 11 h on the wall clock
        assertThat(process(orderPlaced(placed, "SAME_DAY", promise))).as("a promise needs no store hours")
                .isEqualTo(atRisk);
        process(orderSourced(placed + MINUTE, STORE));
        assertThat(watermark(atRisk)).extracting(SlaTestBase::describe).containsExactly("AT_RISK delivered_by_promise");
        assertThat(state.nextTimerMs).isEqualTo(promise);

        SlaFinding breach = watermark(promise).get(0);
        assertThat(breach.type()).isEqualTo(FindingType.SLA_BREACH);
        assertThat(breach.isPromise()).isTrue();
        assertThat(breach.severity()).isEqualTo(Severity.HIGH);

        long delivered = ny("2025-01-13T21:30");
        process(event("DELIVERED", delivered));
        assertThat(watermark(delivered)).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo(FindingType.RESOLVED);
            assertThat(r.lateByMs()).isEqualTo(30 * MINUTE);
        });
    }

    @Test
    void same_day_delivered_exactly_at_the_promise_is_on_time() {
        long promise = ny("2025-01-13T21:00");
        process(orderPlaced(ny("2025-01-13T10:00"), "SAME_DAY", promise), event("DELIVERED", promise));
        assertThat(endOfInput()).extracting(SlaTestBase::describe).containsExactly("AT_RISK delivered_by_promise");
    }

    @Test
    void ship_to_home_is_shipped_within_24_h_and_delivered_by_the_promise() {
        long placed = ny("2025-01-13T10:00");
        long promise = ny("2025-01-16T20:00");
        process(orderPlaced(placed, "SHIP_TO_HOME", promise), orderSourced(placed + 2 * MINUTE, DC));
        assertThat(state.nextTimerMs).as("80 % of 24 h").isEqualTo(ny("2025-01-14T05:12"));

        long handoff = ny("2025-01-14T12:00");
        process(withCarrier(event("CARRIER_HANDOFF", handoff), "SWIFTSHIP"));
        assertThat(watermark(handoff)).extracting(SlaTestBase::describe).containsExactly(
                "AT_RISK shipped_24h", "SLA_BREACH shipped_24h", "RESOLVED shipped_24h");
        assertThat(findings.get(2).lateByMs()).isEqualTo(2 * HOUR);
        assertThat(state.nextTimerMs).as("80 % of the 82 h promise window").isEqualTo(ny("2025-01-16T03:36"));

        process(event("DELIVERED", ny("2025-01-16T15:00")));
        assertThat(endOfInput()).extracting(SlaTestBase::describe).containsExactly("AT_RISK delivered_by_promise");
        assertThat(state.carrier).isEqualTo("SWIFTSHIP");
    }

    @Test
    void events_out_of_order_before_the_watermark_give_the_same_findings() {
        long ready = ny("2025-01-14T10:40");
        placeBopis();
        process(event("READY_FOR_PICKUP", ready));
        List<SlaFinding> early = watermark(ny("2025-01-14T12:00"));

        SlaEvaluatorTest inOrder = new SlaEvaluatorTest();
        inOrder.placeBopis();
        inOrder.watermark(ny("2025-01-14T10:39"));
        inOrder.process(inOrder.event("READY_FOR_PICKUP", ready));
        inOrder.watermark(ny("2025-01-14T12:00"));

        assertThat(early).extracting(SlaTestBase::describe)
                .containsExactly("AT_RISK ready_in_2h", "SLA_BREACH ready_in_2h", "RESOLVED ready_in_2h");
        assertThat(early).isEqualTo(inOrder.findings);
    }

    @Test
    void a_milestone_arriving_after_the_watermark_passed_its_deadline_resolves_the_breach_with_no_lateness() {
        placeBopis();
        watermark(READY_DEADLINE);
        long ready = ny("2025-01-14T10:20");
        assertThat(process(event("READY_FOR_PICKUP", ready))).as("due at once").isEqualTo(ready);
        assertThat(watermark(READY_DEADLINE + MINUTE)).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo(FindingType.RESOLVED);
            assertThat(r.lateByMs()).isEqualTo(-10 * MINUTE);
        });
    }

    @Test
    void a_cancellation_stops_the_clocks_but_keeps_what_was_missed_before_it() {
        placeBopis();
        assertThat(process(event("ORDER_CANCELLED", ny("2025-01-14T09:30")))).isEqualTo(SlaEvaluator.NO_TIMER);
        assertThat(endOfInput()).isEmpty();
        assertThat(status("ready_in_2h").state()).isEqualTo(RuleStatus.State.EXPIRED);

        SlaEvaluatorTest after = new SlaEvaluatorTest();
        after.placeBopis();
        after.process(after.event("ORDER_CANCELLED", ny("2025-01-14T10:45")));
        assertThat(after.endOfInput()).extracting(SlaTestBase::describe)
                .containsExactly("AT_RISK ready_in_2h", "SLA_BREACH ready_in_2h");

        SlaEvaluatorTest atDeadline = new SlaEvaluatorTest();
        atDeadline.placeBopis();
        atDeadline.process(atDeadline.event("ORDER_CANCELLED", READY_DEADLINE));
        assertThat(atDeadline.endOfInput()).as("as in the simulator's truth: not late")
                .extracting(SlaTestBase::describe).containsExactly("AT_RISK ready_in_2h");
    }

    @Test
    void a_new_promise_moves_the_timer() {
        long placed = ny("2025-01-13T10:00");
        process(orderPlaced(placed, "SAME_DAY", ny("2025-01-13T21:00")));
        process(promiseChanged(ny("2025-01-13T12:00"), ny("2025-01-14T21:00")));
        assertThat(state.nextTimerMs).as("80 % of 35 h").isEqualTo(ny("2025-01-14T14:00"));
        assertThat(watermark(ny("2025-01-13T21:00"))).isEmpty();
    }

    @Test
    void a_stage_target_on_the_store_clock_does_not_run_overnight() {
        placeBopis();
        long started = ny("2025-01-13T20:50");
        process(event("STORE_PICK_STARTED", started));
        RuleStatus pick = status("store_pick");
        assertThat(pick.deadlineMs()).isEqualTo(ny("2025-01-14T09:20"));
        assertThat(pick.rule().kind()).isEqualTo(RuleKind.STAGE);
        ResolvedSla policy = evaluator.policyOf(state);
        assertThat(policy.measure(pick.rule(), started, ny("2025-01-14T09:10"))).isEqualTo(20 * MINUTE);

        process(event("STORE_PICKED", ny("2025-01-14T09:40")), event("READY_FOR_PICKUP", ny("2025-01-14T09:45")));
        assertThat(endOfInput()).extracting(f -> f.kind() + " " + describe(f) + " " + f.lateByMs() / MINUTE)
                .as("the breach is reported at the deadline, before the late end is final; RESOLVED says how late")
                .containsExactly("STAGE SLA_BREACH store_pick 0", "STAGE RESOLVED store_pick 20");
    }

    @Test
    void a_carrier_cutoff_moves_a_deadline_to_the_next_collection() {
        process(orderPlaced(ny("2025-01-13T14:30"), "SHIP_FROM_STORE", null),
                orderSourced(ny("2025-01-13T14:31"), STORE));
        assertThat(status("shipped_24h").deadlineMs()).as("Tuesday 14:30 is before the 15:30 cut-off")
                .isEqualTo(ny("2025-01-14T17:30"));

        SlaEvaluatorTest late = new SlaEvaluatorTest();
        late.process(late.orderPlaced(ny("2025-01-13T16:00"), "SHIP_FROM_STORE", null),
                late.orderSourced(ny("2025-01-13T16:01"), STORE));
        assertThat(late.status("shipped_24h").deadlineMs()).isEqualTo(ny("2025-01-15T17:30"));
    }

    @Test
    void each_finding_is_reported_once_even_when_a_timer_fires_again() {
        placeBopis();
        watermark(READY_DEADLINE);
        evaluator.onTimer(state, DATASET, ORDER, READY_DEADLINE, findings::add);
        evaluator.onTimer(state, DATASET, ORDER, READY_DEADLINE + HOUR, findings::add);
        assertThat(findings).extracting(SlaTestBase::describe)
                .containsExactly("AT_RISK ready_in_2h", "SLA_BREACH ready_in_2h");
    }

    @Test
    void an_order_no_policy_matches_needs_no_timer() {
        assertThat(process(orderPlaced(PLACED, "CLICK_AND_RESERVE", null), orderSourced(PLACED, STORE)))
                .isEqualTo(SlaEvaluator.NO_TIMER);
        assertThat(evaluator.policyOf(state)).isNull();
        assertThat(evaluator.status(state)).isEmpty();
    }
}
