package io.fpi.detection.kpi.records;

import io.fpi.jobs.common.JsonRowWriter;
import io.fpi.jobs.common.RowEncoder;

/** {@link KpiMinuteRow} as a JSONEachRow line of table {@code kpi_minute}; column names are the table's. */
public final class KpiMinuteRowEncoder implements RowEncoder<KpiMinuteRow> {
    private static final long serialVersionUID = 1L;

    public static final String TABLE = "kpi_minute";

    @Override
    public void encode(KpiMinuteRow r, JsonRowWriter out) {
        out.beginRow()
                .string("dataset", r.dataset)
                .int64("minute_ms", r.minuteMs)
                .utcDate("minute_date", r.minuteMs)
                .string("channel", r.channel)
                .string("fulfillment_type", r.fulfillmentType)
                .string("region", r.region)
                .string("node_id", r.nodeId)
                .uint64("version", r.version)
                .int64("orders_placed", r.ordersPlaced)
                .int64("orders_completed", r.ordersCompleted)
                .int64("orders_cancelled", r.ordersCancelled)
                .int64("orders_returned", r.ordersReturned)
                .int64("units_ordered", r.unitsOrdered)
                .int64("units_fulfilled", r.unitsFulfilled)
                .int64("cycle_count", r.cycleCount)
                .int64("cycle_sum_ms", r.cycleSumMs)
                .int64Array("cycle_buckets", widen(r.cycleBuckets))
                .int64Array("cycle_counts", r.cycleCounts)
                .int64("sla_due", r.slaDue)
                .int64("sla_met", r.slaMet)
                .int64("exceptions_raised", r.exceptionsRaised)
                .int64("exceptions_resolved", r.exceptionsResolved)
                .int64("resolution_sum_ms", r.resolutionSumMs)
                .int64Array("resolution_buckets", widen(r.resolutionBuckets))
                .int64Array("resolution_counts", r.resolutionCounts)
                .int64("refunds", r.refunds)
                .int64("refund_sum_ms", r.refundSumMs)
                .int64Array("refund_buckets", widen(r.refundBuckets))
                .int64Array("refund_counts", r.refundCounts)
                .int64("inventory_syncs", r.inventorySyncs)
                .int64("inventory_sync_mismatches", r.inventorySyncMismatches)
                .stringArray("integration_systems", r.integrationSystems)
                .int64Array("integration_failures", r.integrationFailures)
                .int64("cost_orders", r.costOrders)
                .int64("cost_minor", r.costMinor)
                .endRow();
    }

    /** Bucket indexes are Int32 in the table; JSON numbers carry them the same way. */
    private static long[] widen(int[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }
}
