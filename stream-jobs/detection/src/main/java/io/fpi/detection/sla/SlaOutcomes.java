package io.fpi.detection.sla;

import static io.fpi.policies.sla.OrderSlaState.UNKNOWN;

import io.fpi.policies.sla.Anchor;
import io.fpi.policies.sla.OrderSlaState;
import io.fpi.policies.sla.ResolvedSla;
import io.fpi.policies.sla.RuleKind;
import io.fpi.policies.sla.SlaRule;
import java.util.function.Consumer;

/**
 * Decides the {@link SlaOutcome} of each milestone rule of an order (stage targets have none):
 * <em>met</em> at the milestone when it came by the deadline, <em>missed</em> at the deadline
 * when it did not and the order was still open then, and no outcome at all when the order closed
 * (cancelled) before the deadline without the milestone, which was then never due. Decided, like
 * findings, only when the watermark passes the instant, so each is emitted once per order and rule.
 */
final class SlaOutcomes {
    static final long NEVER = Long.MAX_VALUE;

    private SlaOutcomes() {}

    /** The earliest instant an outcome of the order is decided, or {@link #NEVER}. */
    static long next(OrderMonitorState m, ResolvedSla r) {
        long next = NEVER;
        if (r == null) {
            return next;
        }
        for (SlaRule rule : r.rules()) {
            if (rule.kind() == RuleKind.MILESTONE && !reported(m, rule)) {
                next = Math.min(next, decidedAt(m.sla, r, rule));
            }
        }
        return next;
    }

    static void onTimer(OrderMonitorState m, ResolvedSla r, String dataset, String orderId, long timerMs,
                        Consumer<SlaOutcome> out) {
        if (r == null) {
            return;
        }
        OrderSlaState s = m.sla;
        for (SlaRule rule : r.rules()) {
            if (rule.kind() != RuleKind.MILESTONE || reported(m, rule) || decidedAt(s, r, rule) > timerMs) {
                continue;
            }
            m.outcomesReported |= 1L << rule.index();
            long deadline = r.deadline(rule, anchor(s, rule), s.promisedByMs);
            long sat = satisfiedAt(s, rule);
            boolean met = sat != UNKNOWN && sat <= deadline;
            if (deadline != UNKNOWN && (met || s.closedAtMs == UNKNOWN || deadline < s.closedAtMs)) {
                out.accept(new SlaOutcome(dataset, orderId, r.policyId(), rule.name(), deadline, met ? sat : deadline, met,
                        s.channel, s.fulfillmentType, s.region, s.nodeId));
            }
        }
    }

    /** When the rule's outcome is settled: the milestone (met), the deadline (missed), the closing (never due). */
    private static long decidedAt(OrderSlaState s, ResolvedSla r, SlaRule rule) {
        long deadline = r.deadline(rule, anchor(s, rule), s.promisedByMs);
        long sat = satisfiedAt(s, rule);
        if (deadline == UNKNOWN) {
            // the window never started (no promise, no node for a business clock): settled by the closing
            return s.closedAtMs == UNKNOWN ? NEVER : s.closedAtMs;
        }
        if (sat != UNKNOWN && sat <= deadline) {
            return sat;
        }
        return s.closedAtMs == UNKNOWN || deadline < s.closedAtMs ? deadline : s.closedAtMs;
    }

    private static boolean reported(OrderMonitorState m, SlaRule rule) {
        return (m.outcomesReported & (1L << rule.index())) != 0;
    }

    static long anchor(OrderSlaState s, SlaRule rule) {
        return rule.from() == Anchor.ACTIVITY ? s.timeOf(rule.fromActivity()) : s.placedAtMs;
    }

    static long satisfiedAt(OrderSlaState s, SlaRule rule) {
        long best = UNKNOWN;
        for (String a : rule.satisfiedBy()) {
            long t = s.timeOf(a);
            if (t != UNKNOWN && (best == UNKNOWN || t < best)) {
                best = t;
            }
        }
        return best;
    }
}
