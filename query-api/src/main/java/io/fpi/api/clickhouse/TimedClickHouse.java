package io.fpi.api.clickhouse;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.api.metrics.ApiMetrics;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import java.util.List;

/**
 * The repositories' way to ClickHouse: every query carries a name ({@code orders.page},
 * {@code kpis.hours}, ...) under which its time and failures are counted for /metrics. SQL handed
 * here follows {@link ClickHouseClient}'s rule: constants, values only through SqlLiterals.
 */
public final class TimedClickHouse {
    private final ClickHouseClient client;
    private final ApiMetrics metrics;

    public TimedClickHouse(ClickHouseClient client, ApiMetrics metrics) {
        this.client = client;
        this.metrics = metrics;
    }

    public List<JsonNode> query(String name, String sql) {
        long start = System.nanoTime();
        boolean failed = true;
        try {
            List<JsonNode> rows = client.query(sql);
            failed = false;
            return rows;
        } finally {
            metrics.recordQuery(name, (System.nanoTime() - start) / 1e9, failed);
        }
    }

    /** The first row, or null. */
    public JsonNode queryOne(String name, String sql) {
        List<JsonNode> rows = query(name, sql);
        return rows.isEmpty() ? null : rows.get(0);
    }

    public ClickHouseClient client() {
        return client;
    }
}
