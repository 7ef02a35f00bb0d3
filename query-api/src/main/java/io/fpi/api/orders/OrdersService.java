package io.fpi.api.orders;

import io.fpi.api.http.ApiException;
import java.util.Optional;

/** Order queries as the API offers them; knows nothing about HTTP beyond the error it raises. */
public final class OrdersService {
    private final OrdersRepository repository;

    public OrdersService(OrdersRepository repository) {
        this.repository = repository;
    }

    public OrderList recent(OrderFilter filter) {
        var orders = repository.recent(filter);
        return new OrderList(orders, orders.size(), filter.limit(),
                filter.status() == null ? null : filter.status().wireName(), filter.dataset());
    }

    /** @param dataset null to take the most recently placed order with that id in any dataset */
    public OrderTrace trace(String orderId, String dataset) {
        Optional<OrderTrace> trace = repository.trace(orderId, dataset);
        return trace.orElseThrow(() -> ApiException.notFound("no order '" + orderId + "'"
                + (dataset == null ? "" : " in dataset '" + dataset + "'")));
    }
}
