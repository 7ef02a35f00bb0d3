package io.fpi.api.orders;

import io.fpi.api.http.ApiException;
import io.fpi.api.http.Params;
import io.fpi.schemas.OrderStatus;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** HTTP for the orders feature: reads parameters, calls the service, writes JSON. */
public final class OrdersController {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;
    private static final Map<String, OrderStatus> STATUSES = Arrays.stream(OrderStatus.values())
            .collect(Collectors.toMap(OrderStatus::wireName, Function.identity()));

    private final OrdersService service;

    public OrdersController(OrdersService service) {
        this.service = service;
    }

    /** GET /api/orders?limit=&status=&dataset= */
    public void list(Context ctx) {
        int limit = Params.intInRange("limit", ctx.queryParam("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT);
        OrderStatus status = Params.oneOf("status", ctx.queryParam("status"), STATUSES).orElse(null);
        String dataset = Params.text("dataset", ctx.queryParam("dataset")).orElse(null);
        ctx.json(service.recent(new OrderFilter(dataset, status, limit)));
    }

    /** GET /api/orders/{orderId}/trace?dataset= */
    public void trace(Context ctx) {
        String orderId = Params.text("order id", ctx.pathParam("orderId"))
                .orElseThrow(() -> ApiException.badRequest("order id must not be blank"));
        String dataset = Params.text("dataset", ctx.queryParam("dataset")).orElse(null);
        ctx.json(service.trace(orderId, dataset));
    }
}
