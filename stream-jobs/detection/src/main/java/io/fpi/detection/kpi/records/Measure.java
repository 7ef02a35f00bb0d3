package io.fpi.detection.kpi.records;

/**
 * What one {@link KpiContribution} adds to a minute row. Counts add the contribution's sign;
 * sums add sign * value; durations add sign to their histogram bucket and sign * value to the sum.
 */
public enum Measure {
    ORDERS_PLACED,
    /** Ended as completed, including orders later returned (as /api/kpis/summary counts them). */
    ORDERS_COMPLETED,
    ORDERS_CANCELLED,
    ORDERS_RETURNED,
    /** value = units ordered of an order that ended in the minute. */
    UNITS_ORDERED,
    /** value = units fulfilled of that order (0 when none was reported). */
    UNITS_FULFILLED,
    /** value = cycle time of an order completed in the minute. */
    CYCLE_TIME,
    /** value = 1 if met, 0 if missed; counts as one due milestone. */
    SLA_OUTCOME,
    EXCEPTION_RAISED,
    /** value = RAISED -> RESOLVED duration of one exception resolved in the minute. */
    EXCEPTION_RESOLUTION,
    /** value = RETURN_INITIATED -> REFUND_ISSUED of an order refunded in the minute. */
    REFUND_CYCLE,
    INVENTORY_SYNC,
    INVENTORY_SYNC_MISMATCH,
    /** label = the failing system (source_system of INTEGRATION_CALL_FAILED). */
    INTEGRATION_FAILURE,
    /** value = total cost (minor units) of an order completed in the minute. */
    COST
}
