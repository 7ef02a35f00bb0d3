package io.fpi.api.auth;

import io.fpi.api.routes.Access;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may call what. Roles nest: an admin may do everything an analyst may, an analyst everything
 * an executive may. The route table states the least {@link Access} each route needs.
 */
public enum Role {
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

    /** True when a caller with this role may use a route that needs {@code required}; anyone may use a public one. */
    public boolean grants(Access required) {
        return required == Access.PUBLIC || grants(valueOf(required.name()));
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String s) {
        return Arrays.stream(values()).filter(r -> r.wireName().equalsIgnoreCase(s == null ? "" : s.strip())).findFirst();
    }
}
