package io.fpi.api.orders;

import io.fpi.api.http.ApiException;
import java.util.List;
import java.util.Optional;

/** Order queries as the API offers them; knows nothing about HTTP beyond the errors it raises. */
public final class OrdersService {
    private final OrdersRepository repository;

    public OrdersService(OrdersRepository repository) {
        this.repository = repository;
    }

    public OrderList page(OrderFilter f) {
        if (f.from() != null && f.to() != null && !f.from().isBefore(f.to())) {
            throw ApiException.badRequest("from must be before to (got from=" + f.from() + ", to=" + f.to() + ")");
        }
        List<OrderSummary> rows = repository.page(f);
        boolean more = rows.size() > f.limit();
        List<OrderSummary> page = more ? rows.subList(0, f.limit()) : rows;
        String next = more ? OrderCursor.of(page.get(page.size() - 1)).encode() : null;
        return new OrderList(page, page.size(), f.limit(), f.status() == null ? null : f.status().wireName(), f.dataset(),
                f.stage(), f.channel(), f.fulfillmentType(), f.region(), f.node(), f.from(), f.to(), next);
    }

    /** @param dataset null to take the most recently placed order with that id in any dataset */
    public OrderTrace trace(String orderId, String dataset) {
        Optional<OrderTrace> trace = repository.trace(orderId, dataset);
        return trace.orElseThrow(() -> ApiException.notFound("no order '" + orderId + "'"
                + (dataset == null ? "" : " in dataset '" + dataset + "'")));
    }
}
