package io.fpi.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.SqlLiterals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Process-mining figures of a dataset, computed in ClickHouse from {@code traces FINAL} (one row
 * per case, its {@code activities} in trace order). Definitions as in shared/data/README.md: a
 * variant is a case's exact activity sequence; a DFG edge is an ordered pair of consecutive
 * activities within a case. Pairs are built with {@code arrayPopBack}/{@code arrayPopFront} zipped
 * by a lambda, which ClickHouse 18.16 and current releases both run.
 */
public final class ProcessStats {
    /** The figures {@code bin/fpi stats} prints. */
    public record Summary(String dataset, long cases, long events, long activities, long variants, long dfgEdges,
                          long topVariantCases) {}

    /** A directly-follows edge and how many times it occurs. */
    public record Edge(String from, String to, long count) {}

    /** The directly-follows graph, with start and end activities and their case counts. */
    public record Dfg(List<Edge> edges, Map<String, Long> startActivities, Map<String, Long> endActivities) {}

    private static final String PAIRS = "arrayMap((a, b) -> (a, b), arrayPopBack(activities), arrayPopFront(activities))";

    private final ClickHouseClient client;

    public ProcessStats(ClickHouseClient client) {
        this.client = client;
    }

    /** All zeros for a dataset without traces. */
    public Summary summary(String dataset) {
        String traces = "FROM traces FINAL WHERE dataset = " + SqlLiterals.string(dataset);
        JsonNode row = client.queryOne("SELECT "
                + "(SELECT count() " + traces + ") AS cases, "
                + "(SELECT sum(event_count) " + traces + ") AS events, "
                + "(SELECT uniqExact(activity) FROM (SELECT arrayJoin(activities) AS activity " + traces + ")) AS activities, "
                + "(SELECT uniqExact(activities) " + traces + ") AS variants, "
                + "(SELECT uniqExact(pair) FROM (SELECT arrayJoin(" + PAIRS + ") AS pair " + traces + ")) AS dfg_edges, "
                + "(SELECT max(n) FROM (SELECT count() AS n " + traces + " GROUP BY activities)) AS top_variant_cases");
        return new Summary(dataset, row.get("cases").asLong(), row.get("events").asLong(), row.get("activities").asLong(),
                row.get("variants").asLong(), row.get("dfg_edges").asLong(), row.get("top_variant_cases").asLong());
    }

    public Dfg dfg(String dataset) {
        String traces = "FROM traces FINAL WHERE dataset = " + SqlLiterals.string(dataset);
        List<Edge> edges = new ArrayList<>();
        for (JsonNode r : client.query("SELECT pair.1 AS src, pair.2 AS dst, count() AS n FROM (SELECT arrayJoin("
                + PAIRS + ") AS pair " + traces + ") GROUP BY src, dst ORDER BY src, dst")) {
            edges.add(new Edge(r.get("src").asText(), r.get("dst").asText(), r.get("n").asLong()));
        }
        return new Dfg(edges, counts("SELECT activities[1] AS activity, count() AS n " + traces
                        + " AND length(activities) > 0 GROUP BY activity"),
                counts("SELECT activities[-1] AS activity, count() AS n " + traces
                        + " AND length(activities) > 0 GROUP BY activity"));
    }

    private Map<String, Long> counts(String sql) {
        Map<String, Long> out = new TreeMap<>();
        for (JsonNode r : client.query(sql)) {
            out.put(r.get("activity").asText(), r.get("n").asLong());
        }
        return out;
    }
}
