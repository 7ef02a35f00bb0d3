package io.fpi.policies.sla;

import static io.fpi.policies.sla.OrderSlaState.UNKNOWN;
import static io.fpi.policies.sla.OrderSlaState.has;

/** Builds {@link RuleStatus} views. */
final class RuleStatuses {
    private RuleStatuses() {}

    static RuleStatus of(OrderSlaState s, ResolvedSla r, SlaRule rule, long start, long sat) {
        long deadline = r.deadline(rule, start, s.promisedByMs);
        long atRisk = deadline == UNKNOWN ? UNKNOWN : r.atRisk(rule, start, deadline);
        int bit = rule.index();
        RuleStatus.State state;
        if (sat != UNKNOWN) {
            state = deadline != UNKNOWN && sat > deadline ? RuleStatus.State.MET_LATE : RuleStatus.State.MET;
        } else if (deadline == UNKNOWN) {
            state = RuleStatus.State.WAITING;
        } else if (s.isClosed() && deadline >= s.closedAtMs) {
            state = RuleStatus.State.EXPIRED;
        } else if (has(s.breachReported, bit)) {
            state = RuleStatus.State.BREACHED;
        } else if (has(s.atRiskReported, bit)) {
            state = RuleStatus.State.AT_RISK;
        } else {
            state = RuleStatus.State.PENDING;
        }
        return new RuleStatus(rule, state, start, atRisk, deadline, sat, has(s.atRiskReported, bit),
                has(s.breachReported, bit), has(s.resolvedReported, bit));
    }
}
