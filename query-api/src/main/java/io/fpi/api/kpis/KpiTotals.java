package io.fpi.api.kpis;

/**
 * Sums of kpi_minute rows (the minutes of a window or of one bucket), with the KPIs derived from
 * them. Every derived value is null when its denominator is 0 (no units ordered, no SLA due, ...).
 * Histograms are (bucket, count) pairs merged with sumMap; see {@link DurationSketch}.
 */
public record KpiTotals(
        long ordersPlaced, long ordersCompleted, long ordersCancelled, long ordersReturned,
        long unitsOrdered, long unitsFulfilled,
        long cycleCount, long cycleSumMs, int[] cycleBuckets, long[] cycleCounts,
        long slaDue, long slaMet,
        long exceptionsRaised, long exceptionsResolved, int[] resolutionBuckets, long[] resolutionCounts,
        long refunds, int[] refundBuckets, long[] refundCounts,
        long inventorySyncs, long inventorySyncMismatches,
        long integrationFailures,
        long costOrders, long costMinor) {

    private static final int[] NO_BUCKETS = new int[0];
    private static final long[] NO_COUNTS = new long[0];

    /** A bucket without minute rows. */
    public static final KpiTotals NONE = new KpiTotals(0, 0, 0, 0, 0, 0, 0, 0, NO_BUCKETS, NO_COUNTS, 0, 0, 0, 0,
            NO_BUCKETS, NO_COUNTS, 0, NO_BUCKETS, NO_COUNTS, 0, 0, 0, 0, 0);

    public Double fillRate() {
        return ratio(unitsFulfilled, unitsOrdered);
    }

    public Double slaAdherence() {
        return ratio(slaMet, slaDue);
    }

    public Double inventoryAccuracy() {
        return ratio(inventorySyncs, inventorySyncs + inventorySyncMismatches);
    }

    /** Cancelled among the orders that ended (completed, returned or cancelled). */
    public Double cancellationRate() {
        return ratio(ordersCancelled, ordersCompleted + ordersCancelled);
    }

    /** Mean cost in minor units of the completed orders that carried a cost. */
    public Double costToServe() {
        return ratio(costMinor, costOrders);
    }

    public Long cycleTime(double q) {
        return DurationSketch.quantile(cycleBuckets, cycleCounts, q);
    }

    public Long exceptionResolution(double q) {
        return DurationSketch.quantile(resolutionBuckets, resolutionCounts, q);
    }

    public Long refundCycle(double q) {
        return DurationSketch.quantile(refundBuckets, refundCounts, q);
    }

    static Double ratio(long numerator, long denominator) {
        return denominator <= 0 ? null : (double) numerator / denominator;
    }
}
