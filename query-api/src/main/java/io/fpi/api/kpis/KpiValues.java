package io.fpi.api.kpis;

import java.util.Map;

/**
 * Every KPI of one window; the definitions are in query-api/README.md ("KPI definitions"). All from
 * kpi_minute (the minutes starting in the window) except {@code ordersOpen}: orders placed in the window
 * and open now, exact from the traces. Durations from the mergeable histograms, within 2 %. Every ratio
 * or percentile is null when its denominator is 0.
 */
public record KpiValues(
        long ordersPlaced,
        long ordersCompleted,
        long ordersOpen,
        long ordersCancelled,
        long ordersReturned,
        Long cycleTimeP50Ms,
        Long cycleTimeP90Ms,
        Long cycleTimeP99Ms,
        long unitsOrdered,
        long unitsFulfilled,
        Double fillRate,
        Double cancellationRate,
        long slaDue,
        long slaMet,
        Double slaAdherence,
        long exceptionCount,
        long exceptionsResolved,
        Long exceptionResolutionP50Ms,
        Long exceptionResolutionP90Ms,
        long refunds,
        Long refundCycleP50Ms,
        Long refundCycleP90Ms,
        long inventorySyncs,
        long inventorySyncMismatches,
        Double inventoryAccuracy,
        long costOrders,
        Double costToServe,
        long integrationFailures,
        Map<String, Long> integrationFailuresBySystem) {

    static KpiValues of(KpiTotals m, long ordersOpen) {
        return new KpiValues(m.ordersPlaced(), m.ordersCompleted(), ordersOpen, m.ordersCancelled(), m.ordersReturned(),
                m.cycleTime(0.5), m.cycleTime(0.9), m.cycleTime(0.99), m.unitsOrdered(), m.unitsFulfilled(), m.fillRate(),
                m.cancellationRate(), m.slaDue(), m.slaMet(), m.slaAdherence(),
                m.exceptionsRaised(), m.exceptionsResolved(), m.exceptionResolution(0.5), m.exceptionResolution(0.9),
                m.refunds(), m.refundCycle(0.5), m.refundCycle(0.9),
                m.inventorySyncs(), m.inventorySyncMismatches(), m.inventoryAccuracy(),
                m.costOrders(), m.costToServe(), m.integrationFailures(), m.failuresBySystemRanked());
    }
}
