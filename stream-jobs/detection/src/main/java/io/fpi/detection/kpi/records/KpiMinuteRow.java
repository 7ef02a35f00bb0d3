package io.fpi.detection.kpi.records;

import io.fpi.runtime.sketch.DurationSketch;

/**
 * One row of ClickHouse table {@code kpi_minute} (infra/clickhouse/003_kpis_and_process.up.sql):
 * every contribution to one (dataset, minute, channel, fulfillment type, region, node) folded in.
 * {@link #version} counts the contributions, so a fuller row replaces an emptier one under
 * ReplacingMergeTree(version). A Flink POJO, also the aggregator's state.
 */
public class KpiMinuteRow {
    private static final int[] NO_BUCKETS = new int[0];
    private static final long[] NO_COUNTS = new long[0];
    private static final String[] NO_LABELS = new String[0];

    public String dataset = "";
    public long minuteMs;
    public String channel = "";
    public String fulfillmentType = "";
    public String region = "";
    public String nodeId = "";
    public long version;

    public long ordersPlaced;
    public long ordersCompleted;
    public long ordersCancelled;
    public long ordersReturned;
    public long unitsOrdered;
    public long unitsFulfilled;
    public long cycleCount;
    public long cycleSumMs;
    public int[] cycleBuckets = NO_BUCKETS;
    public long[] cycleCounts = NO_COUNTS;
    public long slaDue;
    public long slaMet;
    public long exceptionsRaised;
    public long exceptionsResolved;
    public long resolutionSumMs;
    public int[] resolutionBuckets = NO_BUCKETS;
    public long[] resolutionCounts = NO_COUNTS;
    public long refunds;
    public long refundSumMs;
    public int[] refundBuckets = NO_BUCKETS;
    public long[] refundCounts = NO_COUNTS;
    public long inventorySyncs;
    public long inventorySyncMismatches;
    public String[] integrationSystems = NO_LABELS;
    public long[] integrationFailures = NO_COUNTS;
    public long costOrders;
    public long costMinor;

    public KpiMinuteRow() {}

    /** An empty row for the key of {@code c}. */
    public static KpiMinuteRow keyedLike(KpiContribution c) {
        KpiMinuteRow r = new KpiMinuteRow();
        r.dataset = c.dataset;
        r.minuteMs = c.minuteMs;
        r.channel = c.channel;
        r.fulfillmentType = c.fulfillmentType;
        r.region = c.region;
        r.nodeId = c.nodeId;
        return r;
    }

    /** Folds one contribution in (its key is assumed to be this row's) and counts it in the version. */
    public void add(KpiContribution c) {
        version++;
        long s = c.sign;
        switch (c.measure) {
            case ORDERS_PLACED -> ordersPlaced += s;
            case ORDERS_COMPLETED -> ordersCompleted += s;
            case ORDERS_CANCELLED -> ordersCancelled += s;
            case ORDERS_RETURNED -> ordersReturned += s;
            case UNITS_ORDERED -> unitsOrdered += s * c.value;
            case UNITS_FULFILLED -> unitsFulfilled += s * c.value;
            case CYCLE_TIME -> {
                cycleCount += s;
                cycleSumMs += s * c.value;
                long[][] counts = {cycleCounts};
                cycleBuckets = SparseCounts.addKey(cycleBuckets, counts, DurationSketch.bucket(c.value), s);
                cycleCounts = counts[0];
            }
            case SLA_OUTCOME -> {
                slaDue += s;
                slaMet += s * c.value;
            }
            case EXCEPTION_RAISED -> exceptionsRaised += s;
            case EXCEPTION_RESOLUTION -> {
                exceptionsResolved += s;
                resolutionSumMs += s * c.value;
                long[][] counts = {resolutionCounts};
                resolutionBuckets = SparseCounts.addKey(resolutionBuckets, counts, DurationSketch.bucket(c.value), s);
                resolutionCounts = counts[0];
            }
            case REFUND_CYCLE -> {
                refunds += s;
                refundSumMs += s * c.value;
                long[][] counts = {refundCounts};
                refundBuckets = SparseCounts.addKey(refundBuckets, counts, DurationSketch.bucket(c.value), s);
                refundCounts = counts[0];
            }
            case INVENTORY_SYNC -> inventorySyncs += s;
            case INVENTORY_SYNC_MISMATCH -> inventorySyncMismatches += s;
            case INTEGRATION_FAILURE -> {
                long[][] counts = {integrationFailures};
                integrationSystems = SparseCounts.addKey(integrationSystems, counts, c.label, s);
                integrationFailures = counts[0];
            }
            case COST -> {
                costOrders += s;
                costMinor += s * c.value;
            }
            default -> throw new IllegalArgumentException("unknown measure " + c.measure);
        }
    }

    /** A deep copy, so that what is emitted never changes with the state it came from. */
    public KpiMinuteRow copy() {
        KpiMinuteRow r = new KpiMinuteRow();
        r.dataset = dataset;
        r.minuteMs = minuteMs;
        r.channel = channel;
        r.fulfillmentType = fulfillmentType;
        r.region = region;
        r.nodeId = nodeId;
        r.version = version;
        r.ordersPlaced = ordersPlaced;
        r.ordersCompleted = ordersCompleted;
        r.ordersCancelled = ordersCancelled;
        r.ordersReturned = ordersReturned;
        r.unitsOrdered = unitsOrdered;
        r.unitsFulfilled = unitsFulfilled;
        r.cycleCount = cycleCount;
        r.cycleSumMs = cycleSumMs;
        r.cycleBuckets = cycleBuckets.clone();
        r.cycleCounts = cycleCounts.clone();
        r.slaDue = slaDue;
        r.slaMet = slaMet;
        r.exceptionsRaised = exceptionsRaised;
        r.exceptionsResolved = exceptionsResolved;
        r.resolutionSumMs = resolutionSumMs;
        r.resolutionBuckets = resolutionBuckets.clone();
        r.resolutionCounts = resolutionCounts.clone();
        r.refunds = refunds;
        r.refundSumMs = refundSumMs;
        r.refundBuckets = refundBuckets.clone();
        r.refundCounts = refundCounts.clone();
        r.inventorySyncs = inventorySyncs;
        r.inventorySyncMismatches = inventorySyncMismatches;
        r.integrationSystems = integrationSystems.clone();
        r.integrationFailures = integrationFailures.clone();
        r.costOrders = costOrders;
        r.costMinor = costMinor;
        return r;
    }

    @Override
    public String toString() {
        return "KpiMinuteRow[" + dataset + " " + minuteMs + " " + channel + "," + fulfillmentType + "," + region + ","
                + nodeId + " v" + version + " placed=" + ordersPlaced + " completed=" + ordersCompleted
                + " cancelled=" + ordersCancelled + " returned=" + ordersReturned + " units=" + unitsOrdered + "/"
                + unitsFulfilled + " cycles=" + cycleCount + "/" + cycleSumMs + " sla=" + slaMet + "/" + slaDue
                + " exceptions=" + exceptionsRaised + "/" + exceptionsResolved + " refunds=" + refunds
                + " syncs=" + inventorySyncs + "/" + inventorySyncMismatches + " integration="
                + java.util.Arrays.toString(integrationSystems) + java.util.Arrays.toString(integrationFailures)
                + " cost=" + costMinor + "/" + costOrders + "]";
    }
}
