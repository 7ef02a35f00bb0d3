package io.fpi.api.kpis;

/**
 * The KPIs computed exactly from traces FINAL over a window (see {@link KpiSummary} for the
 * definitions). Percentiles are null when no order completed in the window; units are over orders
 * that ended in it and reported units ordered.
 */
public record TraceKpis(long ordersPlaced, long ordersCompleted, long ordersOpen, long ordersCancelled,
                        long ordersReturned, Long cycleTimeP50Ms, Long cycleTimeP90Ms, Long cycleTimeP99Ms,
                        long unitsOrdered, long unitsFulfilled) {
}
