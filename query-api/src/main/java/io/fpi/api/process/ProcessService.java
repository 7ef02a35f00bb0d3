package io.fpi.api.process;

import io.fpi.api.http.ApiException;
import io.fpi.api.http.BucketWidth;
import io.fpi.api.kpis.TimeRange;
import java.util.List;

/** Process-mining answers: each endpoint's figures come from the same case set, so they agree. */
public final class ProcessService {
    /** Most (bucket, edge) rows one bucketed request may return. */
    public static final int MAX_BUCKETED_EDGES = 50_000;

    private final ProcessRepository repository;
    private final int maxPoints;

    public ProcessService(ProcessRepository repository, int maxPoints) {
        this.repository = repository;
        this.maxPoints = maxPoints;
    }

    public ProcessStats stats(ProcessFilter f) {
        checkWindow(f);
        return repository.stats(f);
    }

    public Dfg dfg(ProcessFilter f, int edgeLimit) {
        ProcessStats s = stats(f);
        // one extra edge tells whether the list was cut
        List<Dfg.Edge> edges = repository.edges(f, edgeLimit + 1);
        boolean truncated = edges.size() > edgeLimit;
        return new Dfg(f.dataset(), f.from(), f.to(), f.channel(), f.fulfillmentType(), s.cases(), s.events(), s.activities(), s.variants(), s.dfgEdges(),
                s.topVariantCases(), truncated ? edges.subList(0, edgeLimit) : edges, truncated,
                repository.startActivities(f), repository.endActivities(f));
    }

    public Variants variants(ProcessFilter f, int limit) {
        ProcessStats s = stats(f);
        return new Variants(f.dataset(), f.from(), f.to(), f.channel(), f.fulfillmentType(), s.cases(), s.events(), s.activities(), s.variants(),
                s.dfgEdges(), s.topVariantCases(), limit, repository.variants(f, limit, s.cases()));
    }

    public Bottlenecks bottlenecks(ProcessFilter f, String node, boolean byMean, int limit) {
        checkWindow(f);
        return new Bottlenecks(f.dataset(), node, f.channel(), f.fulfillmentType(), byMean ? "mean" : "total", limit,
                repository.transitionWaits(f, node, byMean, limit), repository.stageWaits(f, node, byMean, limit));
    }

    public EdgeBuckets edgeBuckets(String dataset, BucketWidth width, TimeRange range) {
        long points = width.points(range.fromMs(), range.toMs());
        if (points > maxPoints) {
            throw ApiException.badRequest("from..to at interval=" + width.wireName() + " gives " + points
                    + " buckets; at most " + maxPoints + " are allowed: use a coarser interval or a shorter range");
        }
        List<EdgeBuckets.Bucket> buckets = repository.edgeBuckets(dataset, width.millis(), range.from(), range.to(),
                MAX_BUCKETED_EDGES + 1);
        int rows = buckets.stream().mapToInt(b -> b.edges().size()).sum();
        return new EdgeBuckets(dataset, width.wireName(), range.from(), range.to(), buckets, rows > MAX_BUCKETED_EDGES);
    }

    private static void checkWindow(ProcessFilter f) {
        if (f.from() != null && f.to() != null && !f.from().isBefore(f.to())) {
            throw ApiException.badRequest("from must be before to (got from=" + f.from() + ", to=" + f.to() + ")");
        }
    }
}
