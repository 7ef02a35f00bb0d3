package io.fpi.jobs.traces.records;

import io.fpi.jobs.common.JsonRowWriter;
import io.fpi.jobs.common.RowEncoder;

/**
 * {@link TraceRow} as a JSONEachRow line of table {@code traces}; column names are the table's.
 * {@code activity_times_ms} comes with migration 003 (Migrations.apply runs before the job writes).
 */
public final class TraceRowEncoder implements RowEncoder<TraceRow> {
    private static final long serialVersionUID = 1L;

    public static final String TABLE = "traces";
    private static final long[] NO_TIMES = new long[0];

    @Override
    public void encode(TraceRow r, JsonRowWriter out) {
        out.beginRow()
                .string("dataset", r.dataset)
                .string("order_id", r.orderId)
                .uint64("version", r.version)
                .string("status", r.status)
                .int64("placed_at_ms", r.placedAtMs)
                .int64("last_event_ms", r.lastEventMs)
                .nullableInt64("completed_at_ms", r.completedAtMs)
                .nullableInt64("cycle_time_ms", r.cycleTimeMs)
                .int64("event_count", r.eventCount)
                .string("channel", r.channel)
                .string("fulfillment_type", r.fulfillmentType)
                .string("node_id", r.nodeId)
                .string("region", r.region)
                .nullableInt64("promised_by_ms", r.promisedByMs)
                .nullableInt32("units_ordered", r.unitsOrdered)
                .nullableInt32("units_fulfilled", r.unitsFulfilled)
                .string("current_stage", r.currentStage)
                .string("last_activity", r.lastActivity)
                .string("variant", r.variant)
                .uint64("variant_hash", r.variantHash)
                .stringArray("activities", r.activities)
                .int64Array("activity_times_ms", r.activityTimesMs == null ? NO_TIMES : r.activityTimesMs)
                .stringArray("stage_names", r.stageNames)
                .int64Array("stage_start_ms", r.stageStartMs)
                .int64Array("stage_durations_ms", r.stageDurationsMs)
                .stringArray("handoff_from", r.handoffFrom)
                .stringArray("handoff_to", r.handoffTo)
                .int64Array("handoff_latency_ms", r.handoffLatencyMs)
                .endRow();
    }
}
