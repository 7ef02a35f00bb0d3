package io.fpi.api.kpis;

import static io.fpi.api.Rows.count;
import static io.fpi.api.Rows.longValue;
import static io.fpi.api.Rows.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.SqlLiterals;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * SQL over kpi_minute, the per-minute KPI rows the KPI topology writes (stream-jobs/detection/KPIS.md).
 * Reads say FINAL: a row is rewritten with a higher version as late contributions arrive, and a
 * restore may write a row twice. A window or bucket takes the minute rows whose minute starts in
 * it; hours and days are sums of minutes, so every rollup agrees with the minute table.
 */
public final class KpiMinuteRepository {
    private static final String SUMS = """
            sum(orders_placed) AS orders_placed, sum(orders_completed) AS orders_completed,
            sum(orders_cancelled) AS orders_cancelled, sum(orders_returned) AS orders_returned,
            sum(units_ordered) AS units_ordered, sum(units_fulfilled) AS units_fulfilled,
            sum(cycle_count) AS cycle_count, sum(cycle_sum_ms) AS cycle_sum_ms, sumMap(cycle_buckets, cycle_counts) AS cycle,
            sum(sla_due) AS sla_due, sum(sla_met) AS sla_met,
            sum(exceptions_raised) AS exceptions_raised, sum(exceptions_resolved) AS exceptions_resolved,
            sumMap(resolution_buckets, resolution_counts) AS resolution,
            sum(refunds) AS refunds, sumMap(refund_buckets, refund_counts) AS refund,
            sum(inventory_syncs) AS inventory_syncs, sum(inventory_sync_mismatches) AS inventory_sync_mismatches,
            sum(arraySum(integration_failures)) AS integration_failures,
            sum(cost_orders) AS cost_orders, sum(cost_minor) AS cost_minor""";

    // %1$s sums, %2$s from, %3$s to, %4$s dataset and dimension conditions
    private static final String TOTALS = """
            SELECT %1$s
            FROM kpi_minute FINAL
            WHERE minute_ms >= %2$s AND minute_ms < %3$s%4$s""";

    // %1$s sums, %2$s step, %3$s from, %4$s to, %5$s conditions
    private static final String BUCKETS = """
            SELECT intDiv(minute_ms, %2$s) * %2$s AS bucket, %1$s
            FROM kpi_minute FINAL
            WHERE minute_ms >= %3$s AND minute_ms < %4$s%5$s
            GROUP BY bucket
            ORDER BY bucket""";

    // 18.16's sumMap takes numeric keys only, so systems are summed after an ARRAY JOIN
    private static final String BY_SYSTEM = """
            SELECT system, sum(n) AS failures
            FROM (SELECT integration_systems, integration_failures FROM kpi_minute FINAL
                  WHERE minute_ms >= %1$s AND minute_ms < %2$s%3$s)
            ARRAY JOIN integration_systems AS system, integration_failures AS n
            GROUP BY system
            HAVING failures != 0
            ORDER BY failures DESC, system""";

    private final ClickHouseClient clickHouse;

    public KpiMinuteRepository(ClickHouseClient clickHouse) {
        this.clickHouse = clickHouse;
    }

    /** @param dataset null for every dataset */
    public KpiTotals totals(TimeRange range, String dataset, KpiDimensions dims) {
        return totals(clickHouse.queryOne(TOTALS.formatted(SUMS, SqlLiterals.number(range.fromMs()),
                SqlLiterals.number(range.toMs()), conditions(dataset, dims))));
    }

    /** Bucket start -> sums, for the buckets that have minute rows. */
    public Map<Long, KpiTotals> buckets(long stepMs, TimeRange range, String dataset, KpiDimensions dims) {
        Map<Long, KpiTotals> out = new TreeMap<>();
        for (JsonNode r : clickHouse.query(BUCKETS.formatted(SUMS, SqlLiterals.number(stepMs),
                SqlLiterals.number(range.fromMs()), SqlLiterals.number(range.toMs()), conditions(dataset, dims)))) {
            out.put(longValue(r, "bucket"), totals(r));
        }
        return out;
    }

    /** Failing system -> integration failures in the window, most first. */
    public Map<String, Long> integrationFailuresBySystem(TimeRange range, String dataset, KpiDimensions dims) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (JsonNode r : clickHouse.query(BY_SYSTEM.formatted(SqlLiterals.number(range.fromMs()),
                SqlLiterals.number(range.toMs()), conditions(dataset, dims)))) {
            out.put(text(r, "system"), longValue(r, "failures"));
        }
        return out;
    }

    private static String conditions(String dataset, KpiDimensions dims) {
        return (dataset == null ? "" : " AND dataset = " + SqlLiterals.string(dataset)) + dims.conditions();
    }

    private static KpiTotals totals(JsonNode r) {
        if (r == null) {
            r = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        int[][] cycle = new int[1][];
        long[][] cycleCounts = new long[1][];
        histogram(r.get("cycle"), cycle, cycleCounts);
        int[][] resolution = new int[1][];
        long[][] resolutionCounts = new long[1][];
        histogram(r.get("resolution"), resolution, resolutionCounts);
        int[][] refund = new int[1][];
        long[][] refundCounts = new long[1][];
        histogram(r.get("refund"), refund, refundCounts);
        return new KpiTotals(count(r, "orders_placed"), count(r, "orders_completed"), count(r, "orders_cancelled"),
                count(r, "orders_returned"), count(r, "units_ordered"), count(r, "units_fulfilled"),
                count(r, "cycle_count"), count(r, "cycle_sum_ms"), cycle[0], cycleCounts[0],
                count(r, "sla_due"), count(r, "sla_met"), count(r, "exceptions_raised"), count(r, "exceptions_resolved"),
                resolution[0], resolutionCounts[0], count(r, "refunds"), refund[0], refundCounts[0],
                count(r, "inventory_syncs"), count(r, "inventory_sync_mismatches"), count(r, "integration_failures"),
                count(r, "cost_orders"), count(r, "cost_minor"));
    }

    /** sumMap's answer, [[keys], [values]] with ascending keys, into parallel arrays. */
    private static void histogram(JsonNode sumMap, int[][] buckets, long[][] counts) {
        int n = sumMap == null || sumMap.size() < 2 ? 0 : sumMap.get(0).size();
        buckets[0] = new int[n];
        counts[0] = new long[n];
        for (int i = 0; i < n; i++) {
            buckets[0][i] = sumMap.get(0).get(i).asInt();
            counts[0][i] = sumMap.get(1).get(i).asLong();
        }
    }
}
