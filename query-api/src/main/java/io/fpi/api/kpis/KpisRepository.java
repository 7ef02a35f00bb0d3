package io.fpi.api.kpis;

import static io.fpi.api.Rows.count;
import static io.fpi.api.Rows.longValue;
import static io.fpi.api.Rows.longs;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.SqlLiterals;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The KPI feature's SQL. Reads traces FINAL so each order counts once, in its latest version.
 * Time conditions sit in the aggregates or in WHERE, both evaluated after FINAL; an order whose
 * placement time moved (a late event) is thus judged by its current times only.
 */
public final class KpisRepository {
    // %1$s = from (ms, inclusive), %2$s = to (ms, exclusive), %3$s = dataset condition,
    // %4$s completed, %5$s completed with a cycle time, %6$s ended with units ordered.
    // Aliases never reuse a column name: ClickHouse would substitute the alias inside the other aggregates.
    private static final String SUMMARY = """
            SELECT
                countIf(placed_at_ms >= %1$s AND placed_at_ms < %2$s) AS orders_placed,
                countIf(status = 'open' AND placed_at_ms >= %1$s AND placed_at_ms < %2$s) AS orders_open,
                countIf(%4$s AND completed_at_ms >= %1$s AND completed_at_ms < %2$s) AS orders_completed,
                countIf(status = 'cancelled' AND completed_at_ms >= %1$s AND completed_at_ms < %2$s) AS orders_cancelled,
                countIf(status = 'returned' AND completed_at_ms >= %1$s AND completed_at_ms < %2$s) AS orders_returned,
                countIf(%5$s AND completed_at_ms >= %1$s AND completed_at_ms < %2$s) AS cycle_time_samples,
                quantilesExactIf(0.5, 0.9, 0.99)(cycle_time_ms, %5$s AND completed_at_ms >= %1$s AND completed_at_ms < %2$s)
                    AS cycle_time_quantiles,
                sumIf(units_ordered, %6$s AND completed_at_ms >= %1$s AND completed_at_ms < %2$s) AS ended_units_ordered,
                sumIf(ifNull(units_fulfilled, 0), %6$s AND completed_at_ms >= %1$s AND completed_at_ms < %2$s)
                    AS ended_units_fulfilled
            FROM traces FINAL
            WHERE %3$s""";

    // %1$s time column, %2$s step (ms), %3$s aggregate, %4$s metric condition, %5$s from, %6$s to, %7$s dataset
    private static final String BUCKETS = """
            SELECT intDiv(%1$s, %2$s) * %2$s AS bucket, %3$s AS value
            FROM traces FINAL
            WHERE %4$s AND %1$s >= %5$s AND %1$s < %6$s AND %7$s
            GROUP BY bucket
            ORDER BY bucket""";

    /** Orders that ended (completed, returned or cancelled) and reported units ordered: fill rate's population. */
    static final String ENDED_WITH_UNITS = "status IN ('completed', 'returned', 'cancelled') AND isNotNull(units_ordered)";

    private final ClickHouseClient clickHouse;

    public KpisRepository(ClickHouseClient clickHouse) {
        this.clickHouse = clickHouse;
    }

    /** @param dataset null for every dataset */
    public TraceKpis summary(TimeRange range, String dataset) {
        JsonNode r = clickHouse.queryOne(SUMMARY.formatted(SqlLiterals.number(range.fromMs()),
                SqlLiterals.number(range.toMs()), datasetCondition(dataset), Metric.COMPLETED,
                Metric.COMPLETED_WITH_CYCLE_TIME, ENDED_WITH_UNITS));
        boolean anyCycleTime = count(r, "cycle_time_samples") > 0;
        List<Long> quantiles = longs(r, "cycle_time_quantiles");
        return new TraceKpis(count(r, "orders_placed"), count(r, "orders_completed"), count(r, "orders_open"),
                count(r, "orders_cancelled"), count(r, "orders_returned"),
                anyCycleTime ? quantiles.get(0) : null, anyCycleTime ? quantiles.get(1) : null,
                anyCycleTime ? quantiles.get(2) : null, count(r, "ended_units_ordered"), count(r, "ended_units_fulfilled"));
    }

    /** Bucket start (epoch ms) to value, for the buckets that have any orders. */
    public Map<Long, Long> buckets(Metric metric, Interval interval, TimeRange range, String dataset) {
        String sql = BUCKETS.formatted(metric.timeColumn(), SqlLiterals.number(interval.millis()), metric.aggregate(),
                metric.condition(), SqlLiterals.number(range.fromMs()), SqlLiterals.number(range.toMs()),
                datasetCondition(dataset));
        Map<Long, Long> out = new TreeMap<>();
        for (JsonNode row : clickHouse.query(sql)) {
            out.put(longValue(row, "bucket"), longValue(row, "value"));
        }
        return out;
    }

    private static String datasetCondition(String dataset) {
        return dataset == null ? "1" : "dataset = " + SqlLiterals.string(dataset);
    }
}
