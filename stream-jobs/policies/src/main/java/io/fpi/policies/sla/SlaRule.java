package io.fpi.policies.sla;

import io.fpi.policies.config.Durations;
import java.io.Serializable;
import java.util.List;

/**
 * One compiled milestone or stage target of a resolved policy: what satisfies it, where its window
 * starts, how long it is and on which clock. Immutable and shared by every order the policy
 * judges.
 */
public final class SlaRule implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final int index;
    private final RuleKind kind;
    private final Anchor from;
    private final String fromActivity;
    private final long withinMs;
    private final long offsetMs;
    private final Clock clock;
    private final boolean carrierCutoff;
    private final Severity severity;
    private final double atRiskShare;
    private final String[] satisfiedBy;
    private final String description;

    SlaRule(String name, int index, RuleKind kind, Anchor from, String fromActivity, long withinMs, long offsetMs,
            Clock clock, boolean carrierCutoff, Severity severity, double atRiskShare, String[] satisfiedBy,
            String description) {
        this.name = name;
        this.index = index;
        this.kind = kind;
        this.from = from;
        this.fromActivity = fromActivity;
        this.withinMs = withinMs;
        this.offsetMs = offsetMs;
        this.clock = clock;
        this.carrierCutoff = carrierCutoff;
        this.severity = severity;
        this.atRiskShare = atRiskShare;
        this.satisfiedBy = satisfiedBy;
        this.description = description;
    }

    public String name() {
        return name;
    }

    /** The rule name's position in the file's rule-name table (0..63): its bit in per-order masks. */
    public int index() {
        return index;
    }

    public RuleKind kind() {
        return kind;
    }

    public Anchor from() {
        return from;
    }

    /** The anchoring activity when {@link #from()} is ACTIVITY, else null. */
    public String fromActivity() {
        return fromActivity;
    }

    /** Window length from the anchor (0 for promise deadlines). */
    public long withinMs() {
        return withinMs;
    }

    /** Offset added to promised_by (0 otherwise; negative means before the promise). */
    public long offsetMs() {
        return offsetMs;
    }

    public Clock clock() {
        return clock;
    }

    /** True when the deadline is rounded up to the carrier's next handoff cut-off. */
    public boolean carrierCutoff() {
        return carrierCutoff;
    }

    public Severity severity() {
        return severity;
    }

    /** Share of the window after which the rule is at risk; 0 when at-risk is off. */
    public double atRiskShare() {
        return atRiskShare;
    }

    /** True when the deadline is the customer promise: what the simulator's ground truth calls "late". */
    public boolean isPromise() {
        return from == Anchor.PROMISED_BY;
    }

    public List<String> satisfiedBy() {
        return List.of(satisfiedBy);
    }

    public boolean isSatisfiedBy(String activity) {
        for (String a : satisfiedBy) {
            if (a.equals(activity)) {
                return true;
            }
        }
        return false;
    }

    String[] satisfiedByArray() {
        return satisfiedBy;
    }

    public String description() {
        return description;
    }

    @Override
    public String toString() {
        String deadline = switch (from) {
            case PROMISED_BY -> "promised_by" + (offsetMs == 0 ? "" : (offsetMs > 0 ? "+" : "")
                    + Durations.format(offsetMs));
            case PLACED -> "placed+" + Durations.format(withinMs);
            case ACTIVITY -> fromActivity + "+" + Durations.format(withinMs);
        };
        return kind.name().toLowerCase() + " " + name + ": " + String.join("|", satisfiedBy) + " by " + deadline
                + " (" + clock.name().toLowerCase() + (carrierCutoff ? ", carrier cut-off" : "") + ", " + severity + ")";
    }
}
