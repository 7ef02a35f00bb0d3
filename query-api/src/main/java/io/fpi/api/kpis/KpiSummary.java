package io.fpi.api.kpis;

import java.time.Instant;

/**
 * Order KPIs over [from, to). Placed and open count orders placed in the window (open: and not yet
 * ended); completed, cancelled and returned count orders that ended in the window. Completed
 * includes returned orders (see {@link Metric}); cycle-time percentiles are over those same
 * orders, exact (ClickHouse quantileExact: the value at rank floor(q * n) of the sorted times),
 * and null when no order completed in the window.
 */
public record KpiSummary(
        Instant from,
        Instant to,
        String dataset,
        long ordersPlaced,
        long ordersCompleted,
        long ordersOpen,
        long ordersCancelled,
        long ordersReturned,
        Long cycleTimeP50Ms,
        Long cycleTimeP90Ms) {
}
