package io.fpi.api.orders;

import io.fpi.api.http.ApiException;
import io.fpi.api.http.Params;
import io.fpi.api.http.Respond;
import io.fpi.schemas.OrderStatus;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** HTTP for the orders feature: reads parameters, calls the service, writes JSON or CSV. */
public final class OrdersController {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;
    public static final Map<String, OrderStatus> STATUSES = Arrays.stream(OrderStatus.values())
            .collect(Collectors.toMap(OrderStatus::wireName, Function.identity()));

    private final OrdersService service;

    public OrdersController(OrdersService service) {
        this.service = service;
    }

    /** GET /api/orders?dataset=&status=&stage=&channel=&fulfillment_type=&region=&node=&from=&to=&limit=&cursor= */
    public void list(Context ctx) {
        int limit = Params.intInRange("limit", ctx.queryParam("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT);
        OrderStatus status = Params.oneOf("status", ctx.queryParam("status"), STATUSES).orElse(null);
        Respond.answer(ctx, service.page(new OrderFilter(text(ctx, "dataset"), status, text(ctx, "stage"),
                text(ctx, "channel"), text(ctx, "fulfillment_type"), text(ctx, "region"), text(ctx, "node"),
                instant(ctx, "from"), instant(ctx, "to"), limit, OrderCursor.parse(ctx.queryParam("cursor")))));
    }

    /** GET /api/orders/{orderId}/trace?dataset= */
    public void trace(Context ctx) {
        String orderId = Params.text("order id", ctx.pathParam("orderId"))
                .orElseThrow(() -> ApiException.badRequest("order id must not be blank"));
        Respond.answer(ctx, service.trace(orderId, text(ctx, "dataset")));
    }

    private static String text(Context ctx, String name) {
        return Params.text(name, ctx.queryParam(name)).orElse(null);
    }

    private static Instant instant(Context ctx, String name) {
        return Params.instant(name, ctx.queryParam(name)).map(t -> t.truncatedTo(ChronoUnit.MILLIS)).orElse(null);
    }
}
