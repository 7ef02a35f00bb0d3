package io.fpi.api.http;

import io.fpi.runtime.clickhouse.ClickHouseException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to a JSON error body, so a client never sees a stack trace or ClickHouse's
 * error text (which quotes our SQL): the details go to the log instead.
 */
public final class ErrorHandling {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);

    private ErrorHandling() {}

    public static void install(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> respond(ctx, e.status(), e.code(), e.getMessage()));
        routes.exception(ClickHouseException.class, ErrorHandling::clickHouseFailed);
        // Javalin's own answers (no such endpoint, ...), otherwise rendered as text or HTML
        routes.exception(HttpResponseException.class, (e, ctx) ->
                respond(ctx, e.getStatus(), e.getStatus() == 404 ? "not_found" : "http_" + e.getStatus(), e.getMessage()));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected error answering {} {}", ctx.method(), ctx.path(), e);
            respond(ctx, 500, "internal_error", "The API failed unexpectedly; the server log has the details.");
        });
    }

    private static void clickHouseFailed(ClickHouseException e, Context ctx) {
        if (e.unreachable()) {
            LOG.warn("ClickHouse unreachable while answering {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            respond(ctx, 503, "unavailable", "ClickHouse is unreachable; retry shortly (GET /api/health shows what is down).");
        } else {
            LOG.error("ClickHouse rejected the query for {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            respond(ctx, 502, "upstream_error", "ClickHouse could not answer this query; the server log has the details.");
        }
    }

    public static void respond(Context ctx, int status, String code, String message) {
        ctx.status(status).json(new ErrorBody(code, message));
    }
}
