package io.fpi.policies.sla;

/**
 * What the evaluator reports about one rule of one order. Each type is reported at most once per
 * (order, policy, rule), which is what makes finding ids stable under replay.
 */
public enum FindingType {
    /** The configured share of the window elapsed (event time) without the milestone. */
    AT_RISK,
    /** The deadline passed without the milestone, or the milestone arrived after it. */
    SLA_BREACH,
    /** The milestone arrived after a breach was reported. */
    RESOLVED
}
