package io.fpi.policies.sla;

/**
 * Where a rule's window starts. {@code PLACED}: the order's placement. {@code PROMISED_BY}: the
 * deadline is the promise (plus an offset) and the window runs from placement to it.
 * {@code ACTIVITY}: the first occurrence of a named activity (stage targets, "shipped within 4 h of
 * packing").
 */
public enum Anchor {
    PLACED,
    PROMISED_BY,
    ACTIVITY
}
