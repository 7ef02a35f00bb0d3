package io.fpi.api.routes;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One row of the route table: method, path (Javalin syntax, {@code {orderId}}), the least role it
 * needs, the controller method that answers it and its documentation.
 */
public record ApiRoute(HandlerType method, String path, Access access, Handler handler, OperationDoc doc) {
}
