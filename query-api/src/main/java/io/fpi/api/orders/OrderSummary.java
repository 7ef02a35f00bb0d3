package io.fpi.api.orders;

import java.time.Instant;

/** One row of {@code GET /api/orders}: where an order stands, from its latest trace version. */
public record OrderSummary(
        String orderId,
        String dataset,
        String status,
        Instant placedAt,
        Instant lastEventAt,
        String channel,
        String fulfillmentType,
        String nodeId,
        String region,
        String currentStage,
        String lastActivity,
        long eventCount,
        Long cycleTimeMs) {
}
