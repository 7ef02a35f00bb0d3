package io.fpi.api.kpis;

import java.time.Instant;
import java.util.Map;

/**
 * KPIs over [from, to); the definitions are in query-api/README.md ("KPI definitions").
 *
 * <p>From traces FINAL, exact: placed and open count orders placed in the window (open: and not yet
 * ended); completed, cancelled and returned count orders that ended in it (completed includes
 * returned, see {@link Metric}); cycle-time percentiles (quantileExact: the value at rank
 * floor(q n)) over those completed orders, null when none; fill rate = units fulfilled / units
 * ordered over orders that ended in the window with units ordered (a missing units_fulfilled counts
 * 0); cancellation rate = cancelled / (completed + cancelled).
 *
 * <p>From kpi_minute (the KPI topology), over the minutes starting in the window: SLA adherence
 * (met / due), exceptions raised and their resolution time, refund cycle, inventory accuracy
 * (syncs without discrepancy / all syncs), cost to serve (mean cost of completed orders that carried
 * a cost, minor units), integration failures (total and per failing system). Durations from the
 * mergeable histogram, within 2 %. Every ratio or percentile is null when its denominator is 0.
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

    public static KpiSummary of(TimeRange range, String dataset, TraceKpis t, KpiTotals m, Map<String, Long> bySystem) {
        return new KpiSummary(range.from(), range.to(), dataset,
                t.ordersPlaced(), t.ordersCompleted(), t.ordersOpen(), t.ordersCancelled(), t.ordersReturned(),
                t.cycleTimeP50Ms(), t.cycleTimeP90Ms(), t.cycleTimeP99Ms(),
                t.unitsOrdered(), t.unitsFulfilled(), KpiTotals.ratio(t.unitsFulfilled(), t.unitsOrdered()),
                KpiTotals.ratio(t.ordersCancelled(), t.ordersCompleted() + t.ordersCancelled()),
                m.slaDue(), m.slaMet(), m.slaAdherence(),
                m.exceptionsRaised(), m.exceptionsResolved(), m.exceptionResolution(0.5), m.exceptionResolution(0.9),
                m.refunds(), m.refundCycle(0.5), m.refundCycle(0.9),
                m.inventorySyncs(), m.inventorySyncMismatches(), m.inventoryAccuracy(),
                m.costOrders(), m.costToServe(), m.integrationFailures(), bySystem);
    }
}
