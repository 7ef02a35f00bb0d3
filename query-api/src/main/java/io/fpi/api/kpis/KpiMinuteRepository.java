package io.fpi.api.kpis;

import static io.fpi.api.Rows.count;
import static io.fpi.api.Rows.longValue;
import static io.fpi.api.Rows.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.api.clickhouse.TimedClickHouse;
import io.fpi.runtime.clickhouse.SqlLiterals;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SQL over kpi_minute, the per-minute KPI rows the KPI topology writes (stream-jobs/detection/KPIS.md).
 * Reads say FINAL: a row is rewritten with a higher version as late contributions arrive, and a
 * restore may write a row twice. A window or bucket takes the minute rows whose minute starts in it.
 * Every condition is on key columns (dataset, minute_ms, the dimensions), which all versions of a row
 * share, so they may filter before FINAL collapses versions: PREWHERE, which 18.16 needs to keep a
 * window of several ranges cheap (in WHERE it merged far more rows than the ranges hold: 110-170 ms
 * against 8-30 ms for three partial hours of the benchmark data).
 */
public final class KpiMinuteRepository {
    // An alias never reuses the name of a column another aggregate reads: ClickHouse would substitute it there.
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
            sum(arraySum(integration_failures)) AS failures_total,
            groupArrayArray(integration_systems) AS systems, groupArrayArray(integration_failures) AS system_failures,
            sum(cost_orders) AS cost_orders, sum(cost_minor) AS cost_minor""";

    // %1$s label, %2$s group, %3$s sums, %4$s minute ranges, %5$s dataset and dimension conditions.
    // 18.16's sumMap takes numeric keys only, so failures per system come back as two flat arrays.
    private static final String SEGMENTS = """
            SELECT %1$s AS label, %2$s AS grp, %3$s
            FROM kpi_minute FINAL
            PREWHERE (%4$s)%5$s
            GROUP BY label, grp""";

    private final TimedClickHouse clickHouse;

    public KpiMinuteRepository(TimedClickHouse clickHouse) {
        this.clickHouse = clickHouse;
    }

    /**
     * Sums of the minute rows in {@code ranges} ([start, end) pairs, epoch ms), per label and group. A
     * minute's label is its floor to {@code fineStepMs} when it lies in one of {@code fine}, else its floor
     * to {@code stepMs}. {@code group} null: one group, "".
     */
    public Map<Long, Map<String, KpiTotals>> sums(List<long[]> ranges, List<long[]> fine, long fineStepMs, long stepMs,
                                                  String dataset, KpiDimensions dims, GroupBy group) {
        Map<Long, Map<String, KpiTotals>> out = new TreeMap<>();
        if (ranges.isEmpty()) {
            return out;
        }
        String labelSql = floor(stepMs);
        if (!fine.isEmpty()) {
            labelSql = "if(" + String.join(" OR ", fine.stream().map(KpiMinuteRepository::between).toList()) + ", "
                    + floor(fineStepMs) + ", " + labelSql + ")";
        }
        String where = String.join(" OR ", ranges.stream().map(KpiMinuteRepository::between).toList());
        String sql = SEGMENTS.formatted(labelSql, group == null ? "''" : group.column(), SUMS, where, conditions(dataset, dims));
        for (JsonNode r : clickHouse.query("kpis.minutes", sql)) {
            out.computeIfAbsent(longValue(r, "label"), k -> new HashMap<>()).put(text(r, "grp"), totals(r));
        }
        return out;
    }

    private static String floor(long stepMs) {
        return "intDiv(minute_ms, " + SqlLiterals.number(stepMs) + ") * " + SqlLiterals.number(stepMs);
    }

    private static String between(long[] range) {
        return "(minute_ms >= " + SqlLiterals.number(range[0]) + " AND minute_ms < " + SqlLiterals.number(range[1]) + ")";
    }

    private static String conditions(String dataset, KpiDimensions dims) {
        return (dataset == null ? "" : " AND dataset = " + SqlLiterals.string(dataset)) + dims.conditions();
    }

    static KpiTotals totals(JsonNode r) {
        Histogram cycle = histogram(r.get("cycle"));
        Histogram resolution = histogram(r.get("resolution"));
        Histogram refund = histogram(r.get("refund"));
        Map<String, Long> systems = new TreeMap<>();
        JsonNode names = r.get("systems");
        JsonNode failures = r.get("system_failures");
        for (int i = 0; names != null && failures != null && i < names.size() && i < failures.size(); i++) {
            systems.merge(names.get(i).asText(), failures.get(i).asLong(), Long::sum);
        }
        systems.values().removeIf(v -> v == 0);
        return new KpiTotals(count(r, "orders_placed"), count(r, "orders_completed"), count(r, "orders_cancelled"),
                count(r, "orders_returned"), count(r, "units_ordered"), count(r, "units_fulfilled"),
                count(r, "cycle_count"), count(r, "cycle_sum_ms"), cycle.buckets, cycle.counts,
                count(r, "sla_due"), count(r, "sla_met"), count(r, "exceptions_raised"), count(r, "exceptions_resolved"),
                resolution.buckets, resolution.counts, count(r, "refunds"), refund.buckets, refund.counts,
                count(r, "inventory_syncs"), count(r, "inventory_sync_mismatches"), count(r, "failures_total"),
                systems, count(r, "cost_orders"), count(r, "cost_minor"));
    }

    private record Histogram(int[] buckets, long[] counts) {
    }

    /** sumMap's answer, [[keys], [values]] with ascending keys, into parallel arrays. */
    private static Histogram histogram(JsonNode sumMap) {
        int n = sumMap == null || sumMap.size() < 2 ? 0 : sumMap.get(0).size();
        int[] buckets = new int[n];
        long[] counts = new long[n];
        for (int i = 0; i < n; i++) {
            buckets[i] = sumMap.get(0).get(i).asInt();
            counts[i] = sumMap.get(1).get(i).asLong();
        }
        return new Histogram(buckets, counts);
    }
}
