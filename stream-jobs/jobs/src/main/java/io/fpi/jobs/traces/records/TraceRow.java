package io.fpi.jobs.traces.records;

import java.util.Arrays;
import java.util.Objects;

/**
 * One row of ClickHouse table {@code traces} (infra/clickhouse/001_events_and_traces.up.sql): the
 * whole trace of an order as of {@link #version} distinct events. Rows are upserts: the table is
 * ReplacingMergeTree(version) over (dataset, order_id). A Flink POJO; strings are "" rather than
 * null because the String columns are not Nullable.
 */
public class TraceRow {
    public String dataset;
    public String orderId;
    /** Number of distinct events folded in; the same event set always yields the same row. */
    public long version;
    /** OrderStatus.wireName(): open, completed, cancelled or returned. */
    public String status;
    public long placedAtMs;
    public long lastEventMs;
    public Long completedAtMs;
    public Long cycleTimeMs;
    public int eventCount;
    public String channel;
    public String fulfillmentType;
    public String nodeId;
    public String region;
    public Long promisedByMs;
    public Integer unitsOrdered;
    public Integer unitsFulfilled;
    public String currentStage;
    public String lastActivity;
    public String variant;
    /** Unsigned 64-bit (UInt64 in ClickHouse); compare with Long.toUnsignedString. */
    public long variantHash;
    public String[] activities;
    /** Event time of each entry of {@link #activities}, same order (process mining: transition times). */
    public long[] activityTimesMs;
    public String[] stageNames;
    public long[] stageStartMs;
    public long[] stageDurationsMs;
    public String[] handoffFrom;
    public String[] handoffTo;
    public long[] handoffLatencyMs;

    public TraceRow() {}

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TraceRow r)) {
            return false;
        }
        return version == r.version && placedAtMs == r.placedAtMs && lastEventMs == r.lastEventMs
                && eventCount == r.eventCount && variantHash == r.variantHash
                && Objects.equals(dataset, r.dataset) && Objects.equals(orderId, r.orderId)
                && Objects.equals(status, r.status) && Objects.equals(completedAtMs, r.completedAtMs)
                && Objects.equals(cycleTimeMs, r.cycleTimeMs) && Objects.equals(channel, r.channel)
                && Objects.equals(fulfillmentType, r.fulfillmentType) && Objects.equals(nodeId, r.nodeId)
                && Objects.equals(region, r.region) && Objects.equals(promisedByMs, r.promisedByMs)
                && Objects.equals(unitsOrdered, r.unitsOrdered) && Objects.equals(unitsFulfilled, r.unitsFulfilled)
                && Objects.equals(currentStage, r.currentStage) && Objects.equals(lastActivity, r.lastActivity)
                && Objects.equals(variant, r.variant) && Arrays.equals(activities, r.activities)
                && Arrays.equals(activityTimesMs, r.activityTimesMs)
                && Arrays.equals(stageNames, r.stageNames) && Arrays.equals(stageStartMs, r.stageStartMs)
                && Arrays.equals(stageDurationsMs, r.stageDurationsMs) && Arrays.equals(handoffFrom, r.handoffFrom)
                && Arrays.equals(handoffTo, r.handoffTo) && Arrays.equals(handoffLatencyMs, r.handoffLatencyMs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataset, orderId, version, variantHash);
    }

    @Override
    public String toString() {
        return "TraceRow[" + dataset + "/" + orderId + " v" + version + " " + status + " placed=" + placedAtMs
                + " last=" + lastEventMs + " completed=" + completedAtMs + " cycle=" + cycleTimeMs
                + " attrs=" + channel + "," + fulfillmentType + "," + nodeId + "," + region + "," + promisedByMs + ","
                + unitsOrdered + "," + unitsFulfilled + " current=" + currentStage + " variant=" + variant
                + " stages=" + Arrays.toString(stageNames) + Arrays.toString(stageStartMs) + Arrays.toString(stageDurationsMs)
                + " handoffs=" + Arrays.toString(handoffFrom) + Arrays.toString(handoffTo) + Arrays.toString(handoffLatencyMs) + "]";
    }
}
