package io.fpi.api.orders;

import io.fpi.api.http.RecordRows;
import io.fpi.api.http.Tabular;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One order's trace: its events in order, the stages between milestones with their durations,
 * the handoffs between systems, and where the order stands. {@code variantHash} is a string
 * because it is a UInt64, which JavaScript numbers cannot hold exactly.
 */
public record OrderTrace(
        String orderId,
        String dataset,
        String status,
        Instant placedAt,
        Instant completedAt,
        Instant lastEventAt,
        Instant promisedBy,
        Long cycleTimeMs,
        long eventCount,
        String channel,
        String fulfillmentType,
        String nodeId,
        String region,
        Long unitsOrdered,
        Long unitsFulfilled,
        String currentStage,
        String lastActivity,
        String variant,
        String variantHash,
        List<String> activities,
        List<Event> events,
        boolean eventsTruncated,
        List<Stage> stages,
        List<Handoff> handoffs) implements Tabular {

    /** An event as stored; empty error fields are null, attributes come back as one object. */
    public record Event(
            String eventId,
            String activity,
            Instant eventTime,
            Instant ingestTime,
            String sourceSystem,
            String nodeId,
            String region,
            String errorCode,
            String errorReason,
            long sequence,
            Map<String, String> attributes) {
    }

    /** A completed stage, from one milestone to the next. */
    public record Stage(String stage, String fromActivity, String toActivity, Instant startTime, Long durationMs) {
        private static final String ARROW = " -> ";

        /** The job names a stage "FROM -> TO"; a name without the arrow is kept whole as its start. */
        public static Stage of(String name, Instant startTime, Long durationMs) {
            int arrow = name.indexOf(ARROW);
            String from = arrow < 0 ? name : name.substring(0, arrow);
            String to = arrow < 0 ? null : name.substring(arrow + ARROW.length());
            return new Stage(name, from, to, startTime, durationMs);
        }
    }

    /** Work passing from one party to another, and how long it waited in between. */
    public record Handoff(String from, String to, Long latencyMs) {
    }

    /** As CSV a trace is its events, one row each. */
    @Override
    public String csvName() {
        return "trace-" + orderId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    @Override
    public List<String> csvHeader() {
        return RecordRows.header(Event.class);
    }

    @Override
    public List<List<Object>> csvRows() {
        return RecordRows.rows(events);
    }

    public OrderTrace withEvents(List<Event> newEvents, boolean truncated) {
        return new OrderTrace(orderId, dataset, status, placedAt, completedAt, lastEventAt, promisedBy, cycleTimeMs,
                eventCount, channel, fulfillmentType, nodeId, region, unitsOrdered, unitsFulfilled, currentStage,
                lastActivity, variant, variantHash, activities, List.copyOf(newEvents), truncated, stages, handoffs);
    }
}
