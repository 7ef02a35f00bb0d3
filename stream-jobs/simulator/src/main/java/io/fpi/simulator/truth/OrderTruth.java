package io.fpi.simulator.truth;

import java.util.List;

/**
 * The ground truth of one order (one JSONL line, {@code "type":"order"}). README.md defines every
 * field. {@code truncated} marks an order still in flight when the run stopped: its events are
 * the ones emitted so far and its labels are computed up to the stop time.
 */
public record OrderTruth(
        String dataset,
        String orderId,
        String fulfillmentType,
        String channel,
        String storefront,
        String serviceLevel,
        String nodeId,
        String initialNodeId,
        String region,
        String customerRegion,
        String carrier,
        long placedAtMs,
        long promisedByMs,
        String finalStatus,
        Long completedAtMs,
        List<TruthEvent> events,
        LateLabel late,
        StallLabel stalled,
        FailedLabel failed,
        String cause,
        List<EffectRecord> effects,
        boolean truncated) {

    public OrderTruth {
        events = List.copyOf(events);
        effects = List.copyOf(effects);
    }
}
