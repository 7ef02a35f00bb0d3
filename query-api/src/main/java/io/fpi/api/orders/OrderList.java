package io.fpi.api.orders;

import java.util.List;

/** The answer of {@code GET /api/orders}: the orders plus the filters that produced them. */
public record OrderList(List<OrderSummary> orders, int count, int limit, String status, String dataset) {
    public OrderList {
        orders = List.copyOf(orders);
    }
}
