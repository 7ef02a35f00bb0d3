package io.fpi.policies.sla;

/**
 * How a deadline's window is measured. {@code WALL}: elapsed time. {@code BUSINESS}: only the
 * responsible node's open time counts (its {@link io.fpi.policies.calendar.BusinessCalendar}), so a
 * store's clock stops while the store is closed.
 */
public enum Clock {
    WALL,
    BUSINESS
}
