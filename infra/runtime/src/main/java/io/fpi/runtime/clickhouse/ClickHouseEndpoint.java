package io.fpi.runtime.clickhouse;

import io.fpi.runtime.config.Env;
import java.io.Serializable;
import java.net.URI;

/**
 * Where ClickHouse is and how to log in. Serializable because Flink ships it to sink writers.
 *
 * @param url      the HTTP interface, e.g. http://localhost:8123
 * @param database FPI's database; created by the migrations if missing
 */
public record ClickHouseEndpoint(String url, String database, String user, String password) implements Serializable {
    public static final String DEFAULT_DATABASE = "fpi";

    public ClickHouseEndpoint {
        URI u = URI.create(url);
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
            throw new IllegalArgumentException("ClickHouse URL must be http(s)://host:port, got " + url);
        }
        if (!SqlLiterals.isIdentifier(database)) {
            throw new IllegalArgumentException("ClickHouse database name must match [A-Za-z_][A-Za-z0-9_]*, got " + database);
        }
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        user = user == null ? "default" : user;
        password = password == null ? "" : password;
    }

    public static ClickHouseEndpoint of(String url) {
        return new ClickHouseEndpoint(url, DEFAULT_DATABASE, null, null);
    }

    /** FPI_CLICKHOUSE_URL (required here), FPI_CLICKHOUSE_DATABASE, _USER, _PASSWORD. */
    public static ClickHouseEndpoint fromEnv(Env env, String url) {
        return new ClickHouseEndpoint(url,
                env.get("FPI_CLICKHOUSE_DATABASE", DEFAULT_DATABASE),
                env.get("FPI_CLICKHOUSE_USER", "default"),
                env.get("FPI_CLICKHOUSE_PASSWORD", ""));
    }

    @Override
    public String toString() {
        // never print the password
        return "ClickHouseEndpoint[" + url + ", database=" + database + ", user=" + user + "]";
    }
}
