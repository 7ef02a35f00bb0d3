package io.fpi.policies.sla;

import io.fpi.policies.calendar.BusinessCalendar;
import io.fpi.policies.calendar.CarrierCutoff;
import java.io.Serializable;
import java.util.List;

/**
 * The policy that judges one kind of order at one node: the matched policy with its region and
 * node overrides applied, compiled rules, the node's business calendar and the carrier's cut-off
 * there. Shared by every order with the same (policy, region, node, carrier) combination; orders
 * hold only a reference to it. All time arithmetic of a rule happens here.
 */
public final class ResolvedSla implements Serializable {
    private static final long serialVersionUID = 1L;
    /** "Not known" for instants (no promise yet, anchor not reached, no at-risk point). */
    public static final long NONE = Long.MIN_VALUE;

    private final String policyId;
    private final String policyVersion;
    private final String regionOverride;
    private final String nodeOverride;
    private final SlaRule[] rules;
    private final BusinessCalendar calendar;
    private final CarrierCutoff cutoff;
    private final boolean nodeKnown;

    ResolvedSla(String policyId, String policyVersion, String regionOverride, String nodeOverride, SlaRule[] rules,
                BusinessCalendar calendar, CarrierCutoff cutoff, boolean nodeKnown) {
        this.policyId = policyId;
        this.policyVersion = policyVersion;
        this.regionOverride = regionOverride;
        this.nodeOverride = nodeOverride;
        this.rules = rules;
        this.calendar = calendar;
        this.cutoff = cutoff;
        this.nodeKnown = nodeKnown;
    }

    public String policyId() {
        return policyId;
    }

    /** The {@code version:} of the file the policy came from. */
    public String policyVersion() {
        return policyVersion;
    }

    /** The region whose override applied, or null. */
    public String regionOverride() {
        return regionOverride;
    }

    /** The node pattern whose override applied, or null. */
    public String nodeOverride() {
        return nodeOverride;
    }

    public List<SlaRule> rules() {
        return List.of(rules);
    }

    public SlaRule rule(String name) {
        for (SlaRule r : rules) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    SlaRule[] ruleArray() {
        return rules;
    }

    /** True when the order has a responsible node; business-clock deadlines wait for it. */
    public boolean nodeKnown() {
        return nodeKnown;
    }

    /** The responsible node's calendar (24x7 when no calendar is assigned or the node is unknown). */
    public BusinessCalendar calendar() {
        return calendar;
    }

    /** The carrier's cut-off at the node, or null when none applies. */
    public CarrierCutoff cutoff() {
        return cutoff;
    }

    /**
     * The rule's deadline, or {@link #NONE} while it cannot be known: no promise yet for a promise
     * rule, anchor not reached for the others, and no responsible node yet for a business-clock rule
     * (whose hours would count is not known before the order is sourced; guessing 24x7 would
     * report an AT_RISK or breach that a store's hours then contradict).
     *
     * @param anchorMs when the window started: placement, or the anchoring activity
     * @param promisedByMs the current promise, or NONE
     */
    public long deadline(SlaRule rule, long anchorMs, long promisedByMs) {
        long d;
        if (rule.from() == Anchor.PROMISED_BY) {
            if (promisedByMs == NONE) {
                return NONE;
            }
            d = promisedByMs + rule.offsetMs();
        } else {
            if (anchorMs == NONE || (rule.clock() == Clock.BUSINESS && !nodeKnown)) {
                return NONE;
            }
            d = rule.clock() == Clock.BUSINESS ? calendar.addOpenTime(anchorMs, rule.withinMs()) : anchorMs + rule.withinMs();
        }
        return rule.carrierCutoff() && cutoff != null ? cutoff.nextHandoffCutoff(d) : d;
    }

    /**
     * The instant the rule becomes at risk: when its share of the window from {@code windowStartMs}
     * to the deadline has elapsed, on the rule's clock. NONE when at-risk is off, the window is
     * empty, or the clock is a business clock and the responsible node is not known yet.
     */
    public long atRisk(SlaRule rule, long windowStartMs, long deadlineMs) {
        double share = rule.atRiskShare();
        if (share <= 0 || windowStartMs == NONE || deadlineMs == NONE || deadlineMs <= windowStartMs) {
            return NONE;
        }
        if (rule.clock() == Clock.BUSINESS) {
            if (!nodeKnown) {
                return NONE;
            }
            long open = calendar.openTimeBetween(windowStartMs, deadlineMs);
            return open <= 0 ? NONE : calendar.addOpenTime(windowStartMs, (long) (open * share));
        }
        return windowStartMs + (long) ((deadlineMs - windowStartMs) * share);
    }

    /** How long the time from {@code fromMs} to {@code toMs} counts on the rule's clock. */
    public long measure(SlaRule rule, long fromMs, long toMs) {
        return rule.clock() == Clock.BUSINESS ? calendar.openTimeBetween(fromMs, toMs) : toMs - fromMs;
    }

    @Override
    public String toString() {
        return "policy " + policyId + " v" + policyVersion + (regionOverride != null ? " +region " + regionOverride : "")
                + (nodeOverride != null ? " +node " + nodeOverride : "") + " at " + calendar
                + (cutoff != null ? ", " + cutoff : "");
    }
}
