package io.fpi.api.process;

import io.fpi.api.http.Tabular;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/process/edges}: directly-follows edges per time bucket, each transition placed in
 * the bucket of its second activity's time. Only buckets with transitions are listed. As CSV: one row
 * per (bucket, edge).
 */
public record EdgeBuckets(String dataset, String interval, Instant from, Instant to, List<Bucket> buckets,
                          boolean truncated) implements Tabular {

    public record Bucket(Instant t, List<Dfg.Edge> edges) {
    }

    @Override
    public String csvName() {
        return "process-edges";
    }

    @Override
    public List<String> csvHeader() {
        return List.of("t", "from", "to", "frequency", "timed", "mean_ms", "p90_ms");
    }

    @Override
    public List<List<Object>> csvRows() {
        List<List<Object>> rows = new ArrayList<>();
        for (Bucket b : buckets) {
            for (Dfg.Edge e : b.edges()) {
                rows.add(java.util.Arrays.asList(b.t(), e.from(), e.to(), e.frequency(), e.timed(), e.meanMs(), e.p90Ms()));
            }
        }
        return rows;
    }
}
