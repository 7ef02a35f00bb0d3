package io.fpi.api.auth;

import io.fpi.api.http.ApiException;
import io.fpi.runtime.config.Env;
import io.fpi.api.routes.Access;
import io.fpi.api.routes.AccessCheck;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer-token authentication and role checks, run before every route with the least role the
 * route table declares for it ({@link io.fpi.api.routes.ApiRoutes}): a route that needs a role
 * answers 401 without a valid {@code Authorization: Bearer <token>} and 403 when the token's role
 * does not grant it; {@link Access#PUBLIC} routes stay open. Errors are the API's JSON errors.
 *
 * <p>{@code FPI_AUTH=off} turns the checks off, but only for an API bound to a loopback address
 * ({@link #checkBind}); it says so in the log at every start.
 */
public final class ApiAuth implements AccessCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ApiAuth.class);
    /** The caller, for handlers that want to know who called (Context attribute). */
    public static final String PRINCIPAL = "fpi.principal";

    private final TokenStore tokens;
    private final boolean enabled;

    public ApiAuth(TokenStore tokens, boolean enabled) {
        this.tokens = tokens;
        this.enabled = enabled;
    }

    public static ApiAuth of(TokenStore tokens) {
        return new ApiAuth(tokens, true);
    }

    /** No checks at all: every route is open (only allowed on loopback). */
    public static ApiAuth off() {
        return new ApiAuth(TokenStore.empty(), false);
    }

    /**
     * FPI_AUTH ({@code on}, the default, or {@code off}), tokens from FPI_API_TOKENS_FILE (else
     * {@code defaultTokensFile} if it exists; null for none) and FPI_API_TOKENS.
     */
    public static ApiAuth fromEnv(Env env, Path defaultTokensFile) {
        String mode = env.get("FPI_AUTH", "on").toLowerCase(java.util.Locale.ROOT);
        if (!mode.equals("on") && !mode.equals("off")) {
            throw new IllegalArgumentException("FPI_AUTH must be on or off, got '" + mode + "'");
        }
        return new ApiAuth(TokenStore.fromEnv(env, defaultTokensFile), mode.equals("on"));
    }

    public boolean enabled() {
        return enabled;
    }

    @Override
    public void check(Context ctx, Access required) {
        if (required == Access.PUBLIC || !enabled) {
            return;
        }
        String header = ctx.header("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
        Principal p = token == null ? null : tokens.authenticate(token).orElse(null);
        if (p == null) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"fpi\"");
            throw new ApiException(401, "unauthorized", token == null
                    ? "this route needs a token: send 'Authorization: Bearer <token>'"
                    : "the bearer token is not valid");
        }
        if (!p.role().grants(required)) {
            throw new ApiException(403, "forbidden", "role " + p.role().wireName() + " may not use this route; it needs "
                    + required.wireName() + (required == Access.ADMIN ? "" : " or higher"));
        }
        ctx.attribute(PRINCIPAL, p);
    }

    /**
     * Refuses to serve without authentication on anything but loopback, and says loudly when
     * authentication is off or no token is configured.
     *
     * @throws IllegalStateException when FPI_AUTH=off and {@code host} is not a loopback address
     */
    public void checkBind(String host) {
        if (!enabled) {
            if (!isLoopback(host)) {
                throw new IllegalStateException("FPI_AUTH=off is only allowed when the API binds to a loopback address "
                        + "(FPI_HTTP_HOST=127.0.0.1), not " + host + "; configure tokens instead (FPI_API_TOKENS_FILE)");
            }
            LOG.warn("*** AUTHENTICATION IS OFF (FPI_AUTH=off): every API route, webhooks included, is open to anyone "
                    + "on this machine ({}). Never run like this on a shared host. ***", host);
        } else if (tokens.size() == 0) {
            LOG.info("no API tokens configured (FPI_API_TOKENS_FILE / FPI_API_TOKENS): routes that need a role answer 401");
        }
    }

    static boolean isLoopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
