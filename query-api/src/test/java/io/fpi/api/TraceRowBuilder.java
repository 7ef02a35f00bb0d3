package io.fpi.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;

/** A row of the traces table as the trace job writes it, with defaults for what a test does not care about. */
final class TraceRowBuilder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode row = JSON.createObjectNode();
    private final ArrayNode stageNames = JSON.createArrayNode();
    private final ArrayNode stageStarts = JSON.createArrayNode();
    private final ArrayNode stageDurations = JSON.createArrayNode();
    private final ArrayNode handoffFrom = JSON.createArrayNode();
    private final ArrayNode handoffTo = JSON.createArrayNode();
    private final ArrayNode handoffLatency = JSON.createArrayNode();
    private final ArrayNode activities = JSON.createArrayNode();
    private final ArrayNode activityTimes = JSON.createArrayNode();

    TraceRowBuilder(String dataset, String orderId, Instant placedAt) {
        row.put("dataset", dataset).put("order_id", orderId).put("version", 1).put("status", "open")
                .put("placed_at_ms", placedAt.toEpochMilli()).put("last_event_ms", placedAt.toEpochMilli())
                .putNull("completed_at_ms").putNull("cycle_time_ms").put("event_count", 1)
                .put("channel", "web").put("fulfillment_type", "ship_to_home").put("node_id", "DC-1")
                .put("region", "EU").putNull("promised_by_ms").putNull("units_ordered").putNull("units_fulfilled")
                .put("current_stage", "ORDER_PLACED").put("last_activity", "ORDER_PLACED")
                .put("variant", "ORDER_PLACED").put("variant_hash", 1);
    }

    TraceRowBuilder version(long v) {
        row.put("version", v);
        return this;
    }

    /** Ends the order: status, completion time, and the cycle time from placement to it. */
    TraceRowBuilder closed(String status, Instant at) {
        long placed = row.get("placed_at_ms").asLong();
        row.put("status", status).put("completed_at_ms", at.toEpochMilli())
                .put("cycle_time_ms", at.toEpochMilli() - placed).put("last_event_ms", at.toEpochMilli());
        return this;
    }

    TraceRowBuilder lastEvent(Instant at, String activity, int eventCount) {
        row.put("last_event_ms", at.toEpochMilli()).put("last_activity", activity).put("event_count", eventCount);
        return this;
    }

    TraceRowBuilder currentStage(String stage) {
        row.put("current_stage", stage);
        return this;
    }

    TraceRowBuilder variant(String variant, BigInteger hash) {
        row.put("variant", variant).put("variant_hash", hash);
        for (String a : variant.split(" > ")) {
            activities.add(a);
        }
        return this;
    }

    /** The case's activities with their times (ms after placement), as the trace job writes them since migration 003. */
    TraceRowBuilder path(String activityList, long... offsetsMs) {
        long placed = row.get("placed_at_ms").asLong();
        String[] names = activityList.split(" ");
        for (int i = 0; i < names.length; i++) {
            activities.add(names[i]);
            if (i < offsetsMs.length) {
                activityTimes.add(placed + offsetsMs[i]);
            }
        }
        row.put("variant", String.join(" > ", names)).put("last_activity", names[names.length - 1])
                .put("event_count", names.length);
        if (offsetsMs.length > 0) {
            row.put("last_event_ms", placed + offsetsMs[offsetsMs.length - 1]);
        }
        return this;
    }

    TraceRowBuilder dimensions(String channel, String fulfillmentType, String region) {
        row.put("channel", channel).put("fulfillment_type", fulfillmentType).put("region", region);
        return this;
    }

    TraceRowBuilder node(String node) {
        row.put("node_id", node);
        return this;
    }

    TraceRowBuilder lastEventAt(long ms) {
        row.put("last_event_ms", ms);
        return this;
    }

    TraceRowBuilder promisedBy(Instant at) {
        row.put("promised_by_ms", at.toEpochMilli());
        return this;
    }

    TraceRowBuilder units(int ordered, int fulfilled) {
        row.put("units_ordered", ordered).put("units_fulfilled", fulfilled);
        return this;
    }

    TraceRowBuilder stage(String from, String to, Instant start, Duration duration) {
        stageNames.add(from + " -> " + to);
        stageStarts.add(start.toEpochMilli());
        stageDurations.add(duration.toMillis());
        return this;
    }

    TraceRowBuilder handoff(String from, String to, Duration latency) {
        handoffFrom.add(from);
        handoffTo.add(to);
        handoffLatency.add(latency.toMillis());
        return this;
    }

    String json() {
        ObjectNode out = row.deepCopy();
        out.set("activities", activities);
        out.set("activity_times_ms", activityTimes);
        out.set("stage_names", stageNames);
        out.set("stage_start_ms", stageStarts);
        out.set("stage_durations_ms", stageDurations);
        out.set("handoff_from", handoffFrom);
        out.set("handoff_to", handoffTo);
        out.set("handoff_latency_ms", handoffLatency);
        return out.toString();
    }
}
