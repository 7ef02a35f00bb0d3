package io.fpi.api.orders;

import io.fpi.schemas.OrderStatus;

/**
 * What {@code GET /api/orders} asks for, already validated.
 *
 * @param dataset null for every dataset
 * @param status  null for every status
 */
public record OrderFilter(String dataset, OrderStatus status, int limit) {
}
