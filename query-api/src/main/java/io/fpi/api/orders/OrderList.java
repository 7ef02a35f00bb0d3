package io.fpi.api.orders;

import io.fpi.api.http.RecordRows;
import io.fpi.api.http.Tabular;
import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /api/orders}: one page of orders, newest placed first, the filters that
 * produced it and {@code nextCursor}, to pass as {@code cursor} for the next page (null on the last).
 */
public record OrderList(List<OrderSummary> orders, int count, int limit, String status, String dataset, String stage,
                        String channel, String fulfillmentType, String region, String node, Instant from, Instant to,
                        String nextCursor) implements Tabular {
    public OrderList {
        orders = List.copyOf(orders);
    }

    @Override
    public String csvName() {
        return "orders";
    }

    @Override
    public List<String> csvHeader() {
        return RecordRows.header(OrderSummary.class);
    }

    @Override
    public List<List<Object>> csvRows() {
        return RecordRows.rows(orders);
    }
}
