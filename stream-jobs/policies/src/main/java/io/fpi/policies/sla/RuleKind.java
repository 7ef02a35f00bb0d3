package io.fpi.policies.sla;

/**
 * What a rule checks. {@code MILESTONE}: an outcome the order owes the customer or the business by
 * a deadline (ready for pickup, shipped, delivered by the promise). {@code STAGE}: an internal
 * target for the time between two activities (released to the warehouse until picked).
 */
public enum RuleKind {
    MILESTONE,
    STAGE
}
