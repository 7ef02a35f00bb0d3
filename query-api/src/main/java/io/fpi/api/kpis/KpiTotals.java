package io.fpi.api.kpis;

import io.fpi.runtime.sketch.DurationSketch;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums of kpi_minute rows (the minutes of a window, a bucket or an hour), with the KPIs derived from
 * them. Every derived value is null when its denominator is 0 (no units ordered, no SLA due, ...).
 * Histograms are (bucket, count) pairs in ascending bucket order, merged like sumMap; see
 * {@link DurationSketch}. Sums of sums are sums, so hours add up to days and windows exactly.
 */
public record KpiTotals(
        long ordersPlaced, long ordersCompleted, long ordersCancelled, long ordersReturned,
        long unitsOrdered, long unitsFulfilled,
        long cycleCount, long cycleSumMs, int[] cycleBuckets, long[] cycleCounts,
        long slaDue, long slaMet,
        long exceptionsRaised, long exceptionsResolved, int[] resolutionBuckets, long[] resolutionCounts,
        long refunds, int[] refundBuckets, long[] refundCounts,
        long inventorySyncs, long inventorySyncMismatches,
        long integrationFailures, Map<String, Long> failuresBySystem,
        long costOrders, long costMinor) {

    private static final int[] NO_BUCKETS = new int[0];
    private static final long[] NO_COUNTS = new long[0];

    /** Nothing: a bucket without minute rows. */
    public static final KpiTotals NONE = new KpiTotals(0, 0, 0, 0, 0, 0, 0, 0, NO_BUCKETS, NO_COUNTS, 0, 0, 0, 0,
            NO_BUCKETS, NO_COUNTS, 0, NO_BUCKETS, NO_COUNTS, 0, 0, 0, Map.of(), 0, 0);

    public KpiTotals plus(KpiTotals o) {
        if (o == NONE) {
            return this;
        }
        if (this == NONE) {
            return o;
        }
        Histogram cycle = Histogram.merge(cycleBuckets, cycleCounts, o.cycleBuckets, o.cycleCounts);
        Histogram resolution = Histogram.merge(resolutionBuckets, resolutionCounts, o.resolutionBuckets, o.resolutionCounts);
        Histogram refund = Histogram.merge(refundBuckets, refundCounts, o.refundBuckets, o.refundCounts);
        Map<String, Long> systems = new TreeMap<>(failuresBySystem);
        o.failuresBySystem.forEach((k, v) -> systems.merge(k, v, Long::sum));
        return new KpiTotals(ordersPlaced + o.ordersPlaced, ordersCompleted + o.ordersCompleted,
                ordersCancelled + o.ordersCancelled, ordersReturned + o.ordersReturned,
                unitsOrdered + o.unitsOrdered, unitsFulfilled + o.unitsFulfilled,
                cycleCount + o.cycleCount, cycleSumMs + o.cycleSumMs, cycle.buckets(), cycle.counts(),
                slaDue + o.slaDue, slaMet + o.slaMet, exceptionsRaised + o.exceptionsRaised,
                exceptionsResolved + o.exceptionsResolved, resolution.buckets(), resolution.counts(),
                refunds + o.refunds, refund.buckets(), refund.counts(),
                inventorySyncs + o.inventorySyncs, inventorySyncMismatches + o.inventorySyncMismatches,
                integrationFailures + o.integrationFailures, systems, costOrders + o.costOrders, costMinor + o.costMinor);
    }

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

    /** Failing system -> failures, most first, then by name. */
    public Map<String, Long> failuresBySystemRanked() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        failuresBySystem.entrySet().stream().filter(e -> e.getValue() != 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Two ascending (bucket, count) lists merged into one, counts of equal buckets added. */
    record Histogram(int[] buckets, long[] counts) {
        static Histogram merge(int[] b1, long[] c1, int[] b2, long[] c2) {
            if (b2.length == 0) {
                return new Histogram(b1, c1);
            }
            if (b1.length == 0) {
                return new Histogram(b2, c2);
            }
            int[] b = new int[b1.length + b2.length];
            long[] c = new long[b.length];
            int i = 0;
            int j = 0;
            int n = 0;
            while (i < b1.length || j < b2.length) {
                if (j >= b2.length || (i < b1.length && b1[i] < b2[j])) {
                    b[n] = b1[i];
                    c[n++] = c1[i++];
                } else if (i >= b1.length || b2[j] < b1[i]) {
                    b[n] = b2[j];
                    c[n++] = c2[j++];
                } else {
                    b[n] = b1[i];
                    c[n++] = c1[i++] + c2[j++];
                }
            }
            return new Histogram(java.util.Arrays.copyOf(b, n), java.util.Arrays.copyOf(c, n));
        }
    }
}
