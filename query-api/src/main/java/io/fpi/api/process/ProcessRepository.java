package io.fpi.api.process;

import static io.fpi.api.Rows.count;
import static io.fpi.api.Rows.longValue;
import static io.fpi.api.Rows.text;
import static io.fpi.api.Rows.textOrNull;
import static io.fpi.api.Rows.texts;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.api.clickhouse.TimedClickHouse;
import io.fpi.runtime.clickhouse.SqlLiterals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Process mining over {@code traces FINAL}, all of the feature's SQL. Each trace row holds its case's
 * activities in trace order (event time, then sequence) and, from migration 003 on, the time of each;
 * so every figure here is computed from the latest version of every case and is exact by
 * construction: there is no second copy of the log to drift. Rows written before 003 have no times:
 * they count in frequencies, not in transition times ({@code timed}).
 *
 * <p>18.16 notes: lambdas may not reference subquery columns inside ARRAY JOIN, so the pair and
 * duration arrays are built in the inner SELECT; averages are sums and counts divided in Java
 * (avg of nothing is NaN, which JSON cannot carry).
 */
public final class ProcessRepository {
    /** %1$s = case condition */
    private static final String STATS = """
            SELECT
                (SELECT count() FROM traces FINAL WHERE %1$s) AS cases,
                (SELECT sum(length(activities)) FROM traces FINAL WHERE %1$s) AS events,
                (SELECT uniqExact(arrayJoin(activities)) FROM traces FINAL WHERE %1$s) AS activities,
                (SELECT uniqExact(activities) FROM traces FINAL WHERE %1$s) AS variants,
                (SELECT max(c) FROM (SELECT count() AS c FROM traces FINAL WHERE %1$s GROUP BY activities)) AS top_variant_cases,
                (SELECT count() FROM (SELECT DISTINCT tupleElement(p, 1) AS a, tupleElement(p, 2) AS b
                    FROM (SELECT %2$s AS pairs FROM traces FINAL WHERE %1$s) ARRAY JOIN pairs AS p)) AS dfg_edges""";

    private static final String PAIRS =
            "arrayMap(i -> (activities[i], activities[i + 1]), arrayEnumerate(arrayPopBack(activities)))";
    /** Time from each activity to the next; -1 where the row has no times. */
    private static final String DURATIONS = """
            if(length(activity_times_ms) = length(activities),
               arrayMap(i -> activity_times_ms[i + 1] - activity_times_ms[i], arrayEnumerate(arrayPopBack(activities))),
               arrayMap(i -> toInt64(-1), arrayEnumerate(arrayPopBack(activities))))""";
    /** Time of each transition's second activity; -1 where the row has no times. */
    private static final String ENDS = """
            if(length(activity_times_ms) = length(activities),
               arrayMap(i -> activity_times_ms[i + 1], arrayEnumerate(arrayPopBack(activities))),
               arrayMap(i -> toInt64(-1), arrayEnumerate(arrayPopBack(activities))))""";

    /** %1$s case condition, %2$s pairs, %3$s durations, %4$s limit */
    private static final String EDGES = """
            SELECT tupleElement(p, 1) AS from_activity, tupleElement(p, 2) AS to_activity, count() AS frequency,
                   countIf(d >= 0) AS timed, sumIf(d, d >= 0) AS total_ms, quantileExactIf(0.9)(d, d >= 0) AS p90_ms
            FROM (SELECT %2$s AS pairs, %3$s AS durations FROM traces FINAL WHERE %1$s)
            ARRAY JOIN pairs AS p, durations AS d
            GROUP BY from_activity, to_activity
            ORDER BY frequency DESC, from_activity, to_activity
            LIMIT %4$s""";

    /** %1$s case condition, %2$s 1 for the first activity, -1 for the last */
    private static final String ENDPOINTS = """
            SELECT activities[%2$s] AS activity, count() AS cases
            FROM traces FINAL
            WHERE %1$s
            GROUP BY activity
            ORDER BY cases DESC, activity""";

    /** %1$s case condition, %2$s limit */
    private static final String VARIANTS = """
            SELECT activities, count() AS cases, sum(last_event_ms - placed_at_ms) AS duration_sum_ms,
                   sum(cycle_time_ms) AS cycle_sum_ms, count(cycle_time_ms) AS closed
            FROM traces FINAL
            WHERE %1$s
            GROUP BY activities
            ORDER BY cases DESC, activities
            LIMIT %2$s""";

    /** %1$s case condition (timed rows only), %2$s pairs, %3$s durations, %4$s order, %5$s limit */
    private static final String TRANSITION_WAITS = """
            SELECT node_id, tupleElement(p, 1) AS from_activity, tupleElement(p, 2) AS to_activity, count() AS n,
                   sum(d) AS total_ms, quantileExact(0.9)(d) AS p90_ms
            FROM (SELECT node_id, %2$s AS pairs, %3$s AS durations FROM traces FINAL WHERE %1$s)
            ARRAY JOIN pairs AS p, durations AS d
            GROUP BY node_id, from_activity, to_activity
            ORDER BY %4$s, node_id, from_activity, to_activity
            LIMIT %5$s""";

    /** %1$s case condition, %2$s order, %3$s limit */
    private static final String STAGE_WAITS = """
            SELECT node_id, stage, count() AS n, sum(duration) AS total_ms, quantileExact(0.9)(duration) AS p90_ms
            FROM (SELECT node_id, stage_names, stage_durations_ms FROM traces FINAL WHERE %1$s)
            ARRAY JOIN stage_names AS stage, stage_durations_ms AS duration
            GROUP BY node_id, stage
            ORDER BY %2$s, node_id, stage
            LIMIT %3$s""";

    /** %1$s case condition, %2$s pairs, %3$s durations, %4$s ends, %5$s step, %6$s from, %7$s to, %8$s limit */
    private static final String EDGE_BUCKETS = """
            SELECT intDiv(e, %5$s) * %5$s AS bucket, tupleElement(p, 1) AS from_activity, tupleElement(p, 2) AS to_activity,
                   count() AS frequency, count() AS timed, sum(d) AS total_ms, quantileExact(0.9)(d) AS p90_ms
            FROM (SELECT %2$s AS pairs, %3$s AS durations, %4$s AS ends FROM traces FINAL WHERE %1$s)
            ARRAY JOIN pairs AS p, durations AS d, ends AS e
            WHERE e >= %6$s AND e < %7$s
            GROUP BY bucket, from_activity, to_activity
            ORDER BY bucket, frequency DESC, from_activity, to_activity
            LIMIT %8$s""";

    private final TimedClickHouse clickHouse;

    public ProcessRepository(TimedClickHouse clickHouse) {
        this.clickHouse = clickHouse;
    }

    /** The figures {@code bin/fpi stats --dataset NAME} prints, for the whole dataset or the filter's cases. */
    public ProcessStats stats(ProcessFilter f) {
        JsonNode r = clickHouse.queryOne("process.stats", STATS.formatted(cases(f), PAIRS));
        return new ProcessStats(count(r, "cases"), count(r, "events"), count(r, "activities"), count(r, "variants"),
                count(r, "dfg_edges"), count(r, "top_variant_cases"));
    }

    /** At most {@code limit} edges, most frequent first. */
    public List<Dfg.Edge> edges(ProcessFilter f, int limit) {
        return clickHouse.query("process.edges", EDGES.formatted(cases(f), PAIRS, DURATIONS, SqlLiterals.number(limit))).stream()
                .map(ProcessRepository::edge).toList();
    }

    public List<Dfg.ActivityCount> startActivities(ProcessFilter f) {
        return endpoints(f, "1");
    }

    public List<Dfg.ActivityCount> endActivities(ProcessFilter f) {
        return endpoints(f, "-1");
    }

    public List<Variants.Variant> variants(ProcessFilter f, int limit, long totalCases) {
        List<Variants.Variant> out = new ArrayList<>();
        for (JsonNode r : clickHouse.query("process.variants", VARIANTS.formatted(cases(f), SqlLiterals.number(limit)))) {
            long cases = longValue(r, "cases");
            long closed = count(r, "closed");
            out.add(new Variants.Variant(out.size() + 1, texts(r, "activities"), cases,
                    totalCases == 0 ? 0 : (double) cases / totalCases, Math.round((double) count(r, "duration_sum_ms") / cases),
                    closed == 0 ? null : Math.round((double) count(r, "cycle_sum_ms") / closed)));
        }
        return out;
    }

    /** @param node null for every node; @param byMean rank by mean instead of total waiting time */
    public List<Bottlenecks.Wait> transitionWaits(ProcessFilter f, String node, boolean byMean, int limit) {
        String where = cases(f) + nodeCondition(node) + " AND length(activity_times_ms) = length(activities)";
        List<Bottlenecks.Wait> out = new ArrayList<>();
        for (JsonNode r : clickHouse.query("process.transition_waits", TRANSITION_WAITS.formatted(where, PAIRS, DURATIONS, order(byMean),
                SqlLiterals.number(limit)))) {
            String from = text(r, "from_activity");
            String to = text(r, "to_activity");
            out.add(wait(r, from + " > " + to, from, to));
        }
        return out;
    }

    public List<Bottlenecks.Wait> stageWaits(ProcessFilter f, String node, boolean byMean, int limit) {
        List<Bottlenecks.Wait> out = new ArrayList<>();
        for (JsonNode r : clickHouse.query("process.stage_waits", STAGE_WAITS.formatted(cases(f) + nodeCondition(node), order(byMean),
                SqlLiterals.number(limit)))) {
            String stage = text(r, "stage");
            int arrow = stage.indexOf(" -> ");
            out.add(wait(r, stage, arrow < 0 ? stage : stage.substring(0, arrow), arrow < 0 ? null : stage.substring(arrow + 4)));
        }
        return out;
    }

    /** Edges per bucket of transition time in [from, to); at most {@code limit} (bucket, edge) rows. */
    public List<EdgeBuckets.Bucket> edgeBuckets(String dataset, long stepMs, Instant from, Instant to, int limit) {
        String where = "dataset = " + SqlLiterals.string(dataset) + " AND length(activity_times_ms) = length(activities)"
                + " AND length(activities) > 1";
        List<EdgeBuckets.Bucket> out = new ArrayList<>();
        for (JsonNode r : clickHouse.query("process.edge_buckets", EDGE_BUCKETS.formatted(where, PAIRS, DURATIONS, ENDS, SqlLiterals.number(stepMs),
                SqlLiterals.number(from.toEpochMilli()), SqlLiterals.number(to.toEpochMilli()), SqlLiterals.number(limit)))) {
            Instant t = Instant.ofEpochMilli(longValue(r, "bucket"));
            if (out.isEmpty() || !out.get(out.size() - 1).t().equals(t)) {
                out.add(new EdgeBuckets.Bucket(t, new ArrayList<>()));
            }
            out.get(out.size() - 1).edges().add(edge(r));
        }
        return out;
    }

    private List<Dfg.ActivityCount> endpoints(ProcessFilter f, String index) {
        return clickHouse.query("process.endpoints", ENDPOINTS.formatted(cases(f), index)).stream()
                .map(r -> new Dfg.ActivityCount(text(r, "activity"), longValue(r, "cases"))).toList();
    }

    /** Cases of the dataset (with at least one activity), optionally placed in [from, to). */
    static String cases(ProcessFilter f) {
        StringBuilder where = new StringBuilder("dataset = ").append(SqlLiterals.string(f.dataset()))
                .append(" AND notEmpty(activities)");
        if (f.from() != null) {
            where.append(" AND placed_at_ms >= ").append(SqlLiterals.number(f.from().toEpochMilli()));
        }
        if (f.to() != null) {
            where.append(" AND placed_at_ms < ").append(SqlLiterals.number(f.to().toEpochMilli()));
        }
        if (f.channel() != null) {
            where.append(" AND channel = ").append(SqlLiterals.string(f.channel()));
        }
        if (f.fulfillmentType() != null) {
            where.append(" AND fulfillment_type = ").append(SqlLiterals.string(f.fulfillmentType()));
        }
        return where.toString();
    }

    private static String nodeCondition(String node) {
        return node == null ? "" : " AND node_id = " + SqlLiterals.string(node);
    }

    private static String order(boolean byMean) {
        return byMean ? "total_ms / n DESC" : "total_ms DESC";
    }

    private static Dfg.Edge edge(JsonNode r) {
        long timed = count(r, "timed");
        return new Dfg.Edge(text(r, "from_activity"), text(r, "to_activity"), longValue(r, "frequency"), timed,
                timed == 0 ? null : Math.round((double) count(r, "total_ms") / timed),
                timed == 0 ? null : longValue(r, "p90_ms"));
    }

    private static Bottlenecks.Wait wait(JsonNode r, String name, String from, String to) {
        long n = longValue(r, "n");
        long total = count(r, "total_ms");
        return new Bottlenecks.Wait(textOrNull(r, "node_id"), name, from, to, n, total, Math.round((double) total / n),
                longValue(r, "p90_ms"));
    }
}
