package io.fpi.api.process;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/process/edges}: directly-follows edges per time bucket, each transition placed in
 * the bucket of its second activity's time. Only buckets with transitions are listed.
 */
public record EdgeBuckets(String dataset, String interval, Instant from, Instant to, List<Bucket> buckets,
                          boolean truncated) {

    public record Bucket(Instant t, List<Dfg.Edge> edges) {
    }
}
