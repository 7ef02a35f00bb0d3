package io.fpi.simulator.truth;

import java.util.Map;
import java.util.TreeMap;

/**
 * The last ground-truth line ({@code "type":"summary"}). {@code events} counts distinct events
 * (what a deduplicating consumer keeps), {@code records} everything sent.
 */
public record TruthSummary(
        long orders,
        long ordersTruncated,
        long events,
        long records,
        long duplicates,
        long outOfOrder,
        long malformed,
        Map<String, Long> malformedByReason,
        long late,
        long stalled,
        long failed,
        long simStartMs,
        long simEndMs) {

    public TruthSummary {
        malformedByReason = new TreeMap<>(malformedByReason);
    }
}
