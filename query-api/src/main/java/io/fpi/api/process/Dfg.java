package io.fpi.api.process;

import io.fpi.api.http.RecordRows;
import io.fpi.api.http.Tabular;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/process/dfg}: the directly-follows graph of a dataset with the log's figures.
 * Edges are sorted by frequency (then names); {@code edgesTruncated} says the list was cut at the
 * limit, while {@code dfgEdges} always counts them all. As CSV: the edges.
 */
public record Dfg(String dataset, Instant from, Instant to, String channel, String fulfillmentType, long cases, long events, long activities, long variants,
                  long dfgEdges, long topVariantCases, List<Edge> edges, boolean edgesTruncated,
                  List<ActivityCount> startActivities, List<ActivityCount> endActivities) implements Tabular {

    /**
     * One directly-follows relation. Transition times come from traces with a time per activity
     * ({@code timed} of {@code frequency}); {@code meanMs}/{@code p90Ms} are null when none had one.
     * p90 is exact: the value at rank floor(0.9 n).
     */
    public record Edge(String from, String to, long frequency, long timed, Long meanMs, Long p90Ms) {
    }

    public record ActivityCount(String activity, long cases) {
    }

    @Override
    public String csvName() {
        return "dfg";
    }

    @Override
    public List<String> csvHeader() {
        return RecordRows.header(Edge.class);
    }

    @Override
    public List<List<Object>> csvRows() {
        return RecordRows.rows(edges);
    }
}
