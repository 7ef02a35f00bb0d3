package io.fpi.policies.sla;

import io.fpi.policies.config.Problems;

/**
 * Turns a (possibly merged) {@link RuleSpec} into an {@link SlaRule}: fills defaults and checks
 * that the fields fit together, reporting what to write instead.
 */
final class RuleCompiler {
    /** The default: at risk once 80 % of the window has elapsed. */
    static final double DEFAULT_AT_RISK_SHARE = 0.8;

    private RuleCompiler() {}

    /**
     * @param severity the policy's severity (after overrides), used when the rule sets none
     * @param atRiskShare the policy's share (after overrides), used by milestones that set none
     * @return the rule, or null after reporting why it cannot be compiled
     */
    static SlaRule compile(RuleSpec s, Severity severity, double atRiskShare, Vocabulary vocab, Problems problems) {
        if (s.broken) {
            return null;
        }
        boolean ok = true;
        String what = s.kind == RuleKind.STAGE ? "stage '" + s.name + "'" : "milestone '" + s.name + "'";
        String keyOfTo = s.kind == RuleKind.STAGE ? "to" : "satisfied_by";
        if (s.satisfiedBy == null || s.satisfiedBy.isEmpty()) {
            ok = false;
            problems.error(s.node, what + " needs '" + keyOfTo + "': the activity (or list of activities) that completes it");
        }
        Anchor from = s.from != null ? s.from : Anchor.PLACED;
        if (s.kind == RuleKind.STAGE && s.from == null) {
            ok = false;
            problems.error(s.node, what + " needs 'from': the activity that starts the stage");
        }
        long within = 0;
        long offset = 0;
        String windowKey = s.kind == RuleKind.STAGE ? "target" : "within";
        if (from == Anchor.PROMISED_BY) {
            if (s.within != null) {
                ok = false;
                problems.error(s.node, what + " is measured from promised_by, so it takes 'offset' (e.g. offset: 0, or"
                        + " -30m for half an hour before the promise), not '" + windowKey + "'");
            }
            offset = s.offset != null ? s.offset : 0;
        } else {
            if (s.offset != null) {
                ok = false;
                problems.error(s.node, what + ": 'offset' is only for from: promised_by; use '" + windowKey
                        + "' for a window after " + (from == Anchor.PLACED ? "placement" : s.fromActivity));
            }
            if (s.within == null) {
                ok = false;
                problems.error(s.node, what + " needs '" + windowKey + "': how long after "
                        + (from == Anchor.PLACED ? "placement" : s.fromActivity) + " it is due, e.g. 2h or 1d");
            } else if (s.within < 0) {
                ok = false;
                problems.error(s.node, what + ": '" + windowKey + "' must not be negative");
            } else {
                within = s.within;
            }
        }
        Clock clock = s.clock != null ? s.clock : Clock.WALL;
        double share = s.atRiskShare != null ? s.atRiskShare : s.kind == RuleKind.STAGE ? 0 : atRiskShare;
        if (!ok) {
            return null;
        }
        int index = vocab.ruleIndex(s.name, s.node, problems);
        return new SlaRule(s.name, index, s.kind, from, s.fromActivity, within, offset, clock,
                Boolean.TRUE.equals(s.cutoff), s.severity != null ? s.severity : severity, share,
                s.satisfiedBy.toArray(new String[0]), s.description);
    }
}
