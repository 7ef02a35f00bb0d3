package io.fpi.policies.sla;

import static io.fpi.policies.sla.OrderSlaState.UNKNOWN;
import static io.fpi.policies.sla.OrderSlaState.has;

import io.fpi.policies.calendar.BusinessCalendar;
import io.fpi.schemas.CanonicalActivity;
import io.fpi.schemas.FulfillmentEvent;
import java.io.Serializable;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * SLA detection logic for one order at a time, without Flink: feed it the order's events
 * ({@link #onEvent}) and its timer firings ({@link #onTimer}); after each call
 * {@link OrderSlaState#nextTimerMs} is the single event-time timer the order needs, or
 * {@link #NO_TIMER}.
 *
 * <p>Findings are reported only from timers, i.e. once the watermark has passed the instant they
 * are about: AT_RISK at the at-risk instant, SLA_BREACH at the deadline, RESOLVED at the (late)
 * milestone. By then every event up to that instant has been seen, so whether a finding exists
 * does not depend on how events and watermarks interleave (out-of-order events, a replay, a
 * restart): an event stamped 10:00 that reaches the job after one stamped 10:05 still counts from
 * 10:00. Only data later than the watermark can make a finding wrong; it then shows up as a
 * RESOLVED with {@code lateByMs <= 0} right after the breach.
 *
 * <p>Each (rule, type) is reported at most once per order. Rules stop at the order's first
 * closing activity (delivered, collected, cancelled): instants from then on never fire. Findings
 * are never retracted; a new promise, a reroute or a carrier assignment moves only what is not
 * reported yet, from the moment its event is processed.
 *
 * <p>Per call: a few hash lookups, one or two calendar computations per rule, no allocation unless
 * a finding is reported or the order remembers a new activity. Stateless itself (everything is in
 * {@link OrderSlaState}); Serializable so it can ship inside a Flink function.
 */
public final class SlaEvaluator implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final long NO_TIMER = Long.MAX_VALUE;
    /** The attribute carrying the carrier on LABEL_CREATED / CARRIER_HANDOFF (schemas/README.md). */
    public static final String CARRIER_ATTRIBUTE = "carrier";
    private static final ResolvedSla NO_POLICY = new ResolvedSla("", "", null, null, new SlaRule[0],
            BusinessCalendar.alwaysOpen("none", ZoneOffset.UTC), null, false);
    private static final Set<String> CLOSING = closingActivities();

    private final SlaPolicies policies;

    public SlaEvaluator(SlaPolicies policies) {
        this.policies = policies;
    }

    public SlaPolicies policies() {
        return policies;
    }

    /**
     * Applies one event of the order: what the order is (type, channel, region, node, carrier from
     * {@code attributes.carrier}, promise), when it was placed or closed, and the first time of
     * every activity a rule refers to. Reports nothing itself: the findings it settles are due at
     * instants the returned timer covers.
     *
     * @return the instant the order's timer must be set to (also in {@code state.nextTimerMs})
     */
    public long onEvent(OrderSlaState s, FulfillmentEvent e) {
        Map<String, String> attrs = e.getAttributes();
        return onEvent(s, e.getActivity(), e.getEventTime(), e.getFulfillmentType(), e.getChannel(), e.getRegion(),
                e.getNodeId(), e.getPromisedBy(), attrs == null ? null : attrs.get(CARRIER_ATTRIBUTE));
    }

    /** {@link #onEvent(OrderSlaState, FulfillmentEvent)} from the fields it uses (null = not carried). */
    public long onEvent(OrderSlaState s, String activity, long eventTime, String fulfillmentType, String channel,
                        String region, String nodeId, Long promisedBy, String carrier) {
        bind(s);
        long t = eventTime;
        if (AttributeUpdates.apply(s, policies, fulfillmentType, channel, region, nodeId, carrier, t)) {
            s.resolved = null;
        }
        if (promisedBy != null && (s.promiseSetAtMs == UNKNOWN || t >= s.promiseSetAtMs)) {
            s.promisedByMs = promisedBy;
            s.promiseSetAtMs = t;
        }
        if (CanonicalActivity.ORDER_PLACED.name().equals(activity) && (s.placedAtMs == UNKNOWN || t < s.placedAtMs)) {
            s.placedAtMs = t;
        }
        if (CLOSING.contains(activity) && (s.closedAtMs == UNKNOWN || t < s.closedAtMs)) {
            s.closedAtMs = t;
        }
        String tracked = policies.trackedActivity(activity);
        if (tracked != null) {
            s.record(tracked, t);
        }
        s.nextTimerMs = nextTimer(s, resolved(s));
        return s.nextTimerMs;
    }

    /**
     * Handles the order's timer at {@code timerMs} (the watermark passed it) and reports every
     * finding due by then, in the order AT_RISK, SLA_BREACH, RESOLVED per rule.
     *
     * @return the next instant the order's timer must be set to (also in {@code state.nextTimerMs})
     */
    public long onTimer(OrderSlaState s, String dataset, String orderId, long timerMs, Consumer<SlaFinding> out) {
        bind(s);
        ResolvedSla r = resolved(s);
        for (SlaRule rule : r.ruleArray()) {
            int bit = rule.index();
            long start = anchor(s, rule);
            long deadline = r.deadline(rule, start, s.promisedByMs);
            if (deadline == UNKNOWN) {
                continue;
            }
            long sat = satisfiedAt(s, rule);
            // A satisfaction after timerMs is not final yet (an earlier one may still arrive): not reported.
            long known = sat != UNKNOWN && sat <= timerMs ? sat : UNKNOWN;
            if (!has(s.breachReported, bit) && !has(s.atRiskReported, bit)) {
                long atRisk = r.atRisk(rule, start, deadline);
                if (atRisk != UNKNOWN && atRisk <= timerMs && missed(s, atRisk, sat)) {
                    out.accept(finding(s, r, rule, FindingType.AT_RISK, dataset, orderId, start, atRisk, deadline,
                            atRisk, known, atRisk - deadline));
                    s.atRiskReported |= 1L << bit;
                }
            }
            if (!has(s.breachReported, bit) && deadline <= timerMs && missed(s, deadline, sat)) {
                out.accept(finding(s, r, rule, FindingType.SLA_BREACH, dataset, orderId, start, UNKNOWN, deadline,
                        deadline, known, known == UNKNOWN ? 0 : known - deadline));
                s.breachReported |= 1L << bit;
                s.atRiskReported |= 1L << bit;
            }
            if (has(s.breachReported, bit) && !has(s.resolvedReported, bit) && known != UNKNOWN) {
                out.accept(finding(s, r, rule, FindingType.RESOLVED, dataset, orderId, start, UNKNOWN, deadline,
                        known, known, known - deadline));
                s.resolvedReported |= 1L << bit;
            }
        }
        s.nextTimerMs = nextTimer(s, r);
        return s.nextTimerMs;
    }

    /** The earliest instant a finding of the order may be due, or {@link #NO_TIMER}; also stored in the state. */
    public long nextTimer(OrderSlaState s) {
        bind(s);
        s.nextTimerMs = nextTimer(s, resolved(s));
        return s.nextTimerMs;
    }

    /** The policy judging the order now, or null when none matches its type and channel. */
    public ResolvedSla policyOf(OrderSlaState s) {
        bind(s);
        ResolvedSla r = resolved(s);
        return r == NO_POLICY ? null : r;
    }

    /** Every rule of the order's policy with its instants and state (allocates; for queries and tests). */
    public List<RuleStatus> status(OrderSlaState s) {
        bind(s);
        ResolvedSla r = resolved(s);
        List<RuleStatus> out = new ArrayList<>();
        for (SlaRule rule : r.ruleArray()) {
            out.add(RuleStatuses.of(s, r, rule, anchor(s, rule), satisfiedAt(s, rule)));
        }
        return out;
    }

    private long nextTimer(OrderSlaState s, ResolvedSla r) {
        long next = NO_TIMER;
        for (SlaRule rule : r.ruleArray()) {
            int bit = rule.index();
            if (has(s.resolvedReported, bit)) {
                continue;
            }
            long sat = satisfiedAt(s, rule);
            long due = NO_TIMER;
            if (has(s.breachReported, bit)) {
                due = sat == UNKNOWN ? NO_TIMER : sat; // RESOLVED once the watermark passes the milestone
            } else {
                long start = anchor(s, rule);
                long deadline = r.deadline(rule, start, s.promisedByMs);
                if (deadline == UNKNOWN) {
                    continue;
                }
                long atRisk = has(s.atRiskReported, bit) ? UNKNOWN : r.atRisk(rule, start, deadline);
                if (atRisk != UNKNOWN && missed(s, atRisk, sat)) {
                    due = atRisk;
                } else if (missed(s, deadline, sat)) {
                    due = deadline;
                }
            }
            if (due < next) {
                next = due;
            }
        }
        return next;
    }

    /**
     * True when {@code instant} passed without the rule satisfied: the satisfaction (if any) came
     * later, and the order was still open (an instant at or after the first closing activity never
     * counts, so a cancellation exactly at the promise is not a breach, as in the simulator's truth).
     */
    private static boolean missed(OrderSlaState s, long instant, long sat) {
        return (sat == UNKNOWN || instant < sat) && (s.closedAtMs == UNKNOWN || instant < s.closedAtMs);
    }

    /** Where the rule's window starts: placement (also for promise rules), or its anchoring activity. */
    static long anchor(OrderSlaState s, SlaRule rule) {
        return rule.from() == Anchor.ACTIVITY ? s.timeOf(rule.fromActivity()) : s.placedAtMs;
    }

    /** The earliest time any satisfying activity happened, or UNKNOWN. */
    static long satisfiedAt(OrderSlaState s, SlaRule rule) {
        long best = UNKNOWN;
        for (String a : rule.satisfiedByArray()) {
            long t = s.timeOf(a);
            if (t != UNKNOWN && (best == UNKNOWN || t < best)) {
                best = t;
            }
        }
        return best;
    }

    private SlaFinding finding(OrderSlaState s, ResolvedSla r, SlaRule rule, FindingType type, String dataset,
                               String orderId, long start, long atRisk, long deadline, long occurredAt, long sat,
                               long lateBy) {
        return new SlaFinding(FindingIds.of(dataset, orderId, r.policyId(), rule.name(), type), dataset, orderId, type,
                rule.kind(), r.policyId(), r.policyVersion(), rule.name(), rule.severity(), rule.clock(), rule.from(),
                s.nodeId, s.region, start == UNKNOWN ? null : start, atRisk == UNKNOWN ? null : atRisk, deadline,
                occurredAt, sat == UNKNOWN ? null : sat, sat == UNKNOWN ? null : satisfiedBy(s, rule, sat), lateBy);
    }

    private static String satisfiedBy(OrderSlaState s, SlaRule rule, long sat) {
        for (String a : rule.satisfiedByArray()) {
            if (s.timeOf(a) == sat) {
                return a;
            }
        }
        return null;
    }

    /**
     * Adopts the current policy file: a state built under another file keeps its facts (times,
     * attributes) but forgets which findings it reported, since rule bits may mean other rules now.
     */
    private void bind(OrderSlaState s) {
        long fp = policies.fingerprint();
        if (s.policiesFingerprint == fp) {
            return;
        }
        if (s.policiesFingerprint != 0) {
            s.atRiskReported = 0;
            s.breachReported = 0;
            s.resolvedReported = 0;
            AttributeUpdates.keepTracked(s, policies);
        }
        s.policiesFingerprint = fp;
        s.resolved = null;
    }

    private ResolvedSla resolved(OrderSlaState s) {
        ResolvedSla r = s.resolved;
        if (r == null) {
            r = policies.resolve(s.fulfillmentType, s.channel, s.region, s.nodeId, s.carrier);
            r = r == null ? NO_POLICY : r;
            s.resolved = r;
        }
        return r;
    }

    private static Set<String> closingActivities() {
        Set<String> out = new HashSet<>();
        for (CanonicalActivity a : CanonicalActivity.values()) {
            if (a.closesAs() != null) {
                out.add(a.name());
            }
        }
        return Set.copyOf(out);
    }
}
