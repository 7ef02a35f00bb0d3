package io.fpi.api.orders;

import io.fpi.schemas.OrderStatus;
import java.time.Instant;

/**
 * What {@code GET /api/orders} asks for, already validated; null means "no filter".
 *
 * @param stage the order's current stage (the last milestone of an open order)
 * @param from  inclusive lower bound of placed_at
 * @param to    exclusive upper bound of placed_at
 * @param after the sort key of the previous page's last row, or null for the first page
 */
public record OrderFilter(String dataset, OrderStatus status, String stage, String channel, String fulfillmentType,
                          String region, String node, Instant from, Instant to, int limit, OrderCursor after) {
}
