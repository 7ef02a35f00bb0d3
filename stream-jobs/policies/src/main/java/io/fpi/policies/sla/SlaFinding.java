package io.fpi.policies.sla;

import java.io.Serializable;

/**
 * One SLA finding about one rule of one order. Instants are epoch ms UTC, in event time.
 *
 * @param findingId deterministic id ({@link FindingIds}): the same finding replayed has the same id
 * @param policyVersion the policy file's {@code version:} that judged the order
 * @param rule the milestone or stage name
 * @param anchor where the window started (PROMISED_BY marks the customer promise)
 * @param nodeId the responsible node when known, else null
 * @param region the node's region when known, else null
 * @param windowStartMs when the window started, null if unknown (a promise rule before placement was seen)
 * @param atRiskMs when the rule became (or becomes) at risk, null when at-risk is off
 * @param deadlineMs the deadline
 * @param occurredAtMs the event-time instant the finding is about: the at-risk instant (AT_RISK), the
 *     deadline (SLA_BREACH) or the satisfaction (RESOLVED); never the wall clock, so a replay
 *     reports the same instants
 * @param satisfiedAtMs when the milestone (or stage end) happened, null while it has not
 * @param satisfiedBy the activity that satisfied it, null while it has not
 * @param lateByMs satisfiedAt minus deadline when the milestone is known (positive: late); 0 for a
 *     breach still open; for AT_RISK the (negative) time left at the at-risk instant. A RESOLVED
 *     with lateBy <= 0 means the breach was reported because the milestone's event arrived after
 *     the watermark had passed the deadline.
 */
public record SlaFinding(
        String findingId,
        String dataset,
        String orderId,
        FindingType type,
        RuleKind kind,
        String policyId,
        String policyVersion,
        String rule,
        Severity severity,
        Clock clock,
        Anchor anchor,
        String nodeId,
        String region,
        Long windowStartMs,
        Long atRiskMs,
        long deadlineMs,
        long occurredAtMs,
        Long satisfiedAtMs,
        String satisfiedBy,
        long lateByMs) implements Serializable {

    /** True for findings about the customer promise (what the simulator's ground truth calls late). */
    public boolean isPromise() {
        return anchor == Anchor.PROMISED_BY;
    }
}
