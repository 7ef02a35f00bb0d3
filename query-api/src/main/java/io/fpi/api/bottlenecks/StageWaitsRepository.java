package io.fpi.api.bottlenecks;

import static io.fpi.api.Rows.count;
import static io.fpi.api.Rows.longValue;
import static io.fpi.api.Rows.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.api.clickhouse.TimedClickHouse;
import io.fpi.runtime.clickhouse.SqlLiterals;
import java.util.ArrayList;
import java.util.List;

/**
 * Waiting time per group and stage from the stage (or handoff) arrays of {@code traces FINAL}. The
 * traces are keyed by order, not time, so the orders placed in the window are found first without
 * FINAL (one column read), then only their traces are read under FINAL, through the index, as in
 * the order list; the window is checked again after FINAL, so a stale version never counts.
 */
public final class StageWaitsRepository {
    /** Sums and counts only; means are divided in Java (18.16's avg of nothing is NaN). */
    public record Sum(String group, String stage, long count, long totalMs, long p90Ms) {
    }

    // %1$s group expression, %2$s columns, %3$s conditions, %4$s ARRAY JOIN, %5$s stage expression
    private static final String WAITS = """
            SELECT %1$s AS grp, %5$s AS stage, count() AS n, sum(duration) AS total_ms,
                   quantileExact(0.9)(duration) AS p90_ms
            FROM (SELECT %2$s FROM traces FINAL
                  PREWHERE (dataset, order_id) IN (SELECT dataset, order_id FROM traces WHERE %3$s)
                  WHERE %3$s)
            ARRAY JOIN %4$s
            GROUP BY grp, stage""";

    private final TimedClickHouse clickHouse;

    public StageWaitsRepository(TimedClickHouse clickHouse) {
        this.clickHouse = clickHouse;
    }

    /** Every (group, stage) with its sums, unordered. */
    public List<Sum> waits(StageWaitsQuery q) {
        String sql;
        if (q.groupBy() == WaitGroup.SOURCE_SYSTEM) {
            sql = WAITS.formatted("to_system", "handoff_from, handoff_to, handoff_latency_ms", conditions(q),
                    "handoff_from AS from_system, handoff_to AS to_system, handoff_latency_ms AS duration",
                    "concat(from_system, ' -> ', to_system)");
        } else {
            String group = q.groupBy() == WaitGroup.STAGE ? "''" : q.groupBy().column();
            String columns = (q.groupBy() == WaitGroup.STAGE ? "" : group + ", ") + "stage_names, stage_durations_ms";
            sql = WAITS.formatted(group, columns, conditions(q), "stage_names AS stage_name, stage_durations_ms AS duration",
                    "stage_name");
        }
        List<Sum> out = new ArrayList<>();
        for (JsonNode r : clickHouse.query("bottlenecks." + q.groupBy().wireName(), sql)) {
            out.add(new Sum(text(r, "grp"), text(r, "stage"), longValue(r, "n"), count(r, "total_ms"), longValue(r, "p90_ms")));
        }
        return out;
    }

    static String conditions(StageWaitsQuery q) {
        StringBuilder sb = new StringBuilder("placed_at_ms >= ").append(SqlLiterals.number(q.from().toEpochMilli()))
                .append(" AND placed_at_ms < ").append(SqlLiterals.number(q.to().toEpochMilli()));
        equal(sb, "dataset", q.dataset());
        equal(sb, "channel", q.channel());
        equal(sb, "fulfillment_type", q.fulfillmentType());
        equal(sb, "region", q.region());
        equal(sb, "node_id", q.node());
        return sb.toString();
    }

    private static void equal(StringBuilder sb, String column, String value) {
        if (value != null) {
            sb.append(" AND ").append(column).append(" = ").append(SqlLiterals.string(value));
        }
    }
}
