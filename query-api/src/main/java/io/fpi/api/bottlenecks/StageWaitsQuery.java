package io.fpi.api.bottlenecks;

import java.time.Instant;

/** What {@code /api/bottlenecks} asks for, validated; null filters mean "every value". */
public record StageWaitsQuery(WaitGroup groupBy, boolean rankByMean, String dataset, Instant from, Instant to,
                              String channel, String fulfillmentType, String region, String node, int limit) {
}
