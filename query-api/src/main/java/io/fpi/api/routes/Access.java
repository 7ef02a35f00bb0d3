package io.fpi.api.routes;

import io.javalin.security.RouteRole;
import java.util.Locale;

/**
 * The least role a route needs, declared per route in {@link ApiRoutes}. Roles are meant to be
 * ordered (an admin may do what an analyst may, an analyst what an executive may); the bearer-token
 * auth (io.fpi.api.auth) decides how a token maps to a role and enforces it through
 * {@link AccessCheck}. {@link #PUBLIC} routes (health, the OpenAPI document) need no token.
 */
public enum Access implements RouteRole {
    PUBLIC, EXECUTIVE, ANALYST, ADMIN;

    /** As written in the route table, the OpenAPI document ({@code x-fpi-role}) and role names of the auth. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
