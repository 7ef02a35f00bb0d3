package io.fpi.api.routes;

import io.javalin.http.Context;

/**
 * Runs before every API route with the route's declared {@link Access}; throws (for instance an
 * {@link io.fpi.api.http.ApiException} with 401 or 403) to refuse the request. The default lets
 * everything through: the token auth plugs in here without touching the routes.
 */
@FunctionalInterface
public interface AccessCheck {
    AccessCheck ALLOW_ALL = (ctx, required) -> { };

    void check(Context ctx, Access required);
}
