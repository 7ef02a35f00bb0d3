package io.fpi.api.auth;

import io.javalin.security.RouteRole;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may call what. Roles nest: an admin may do everything an analyst may, an analyst everything
 * an executive may. A route states the least role it needs:
 * {@code routes.get("/api/kpis/summary", kpis::summary, Role.EXECUTIVE)}; a route without a role is
 * open (all routes but the webhooks', for now).
 */
public enum Role implements RouteRole {
    /** KPIs and time series. */
    EXECUTIVE,
    /** Every read. */
    ANALYST,
    /** Webhooks and configuration, and every read. */
    ADMIN;

    /** True when a caller with this role may use a route that needs {@code required}. */
    public boolean grants(Role required) {
        return ordinal() >= required.ordinal();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String s) {
        return Arrays.stream(values()).filter(r -> r.wireName().equalsIgnoreCase(s == null ? "" : s.strip())).findFirst();
    }
}
