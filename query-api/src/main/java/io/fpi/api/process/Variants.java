package io.fpi.api.process;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/process/variants}: the log's figures ({@code variants} counts them all) and the
 * {@code limit} most frequent variants, most cases first.
 */
public record Variants(String dataset, Instant from, Instant to, long cases, long events, long activities,
                       long variants, long dfgEdges, long topVariantCases, int limit, List<Variant> topVariants) {

    /**
     * One exact activity sequence. {@code meanDurationMs}: mean of last event - placement over its
     * cases; {@code meanCycleTimeMs}: mean cycle time of its closed cases (null if none closed).
     */
    public record Variant(int rank, List<String> activities, long cases, double share, long meanDurationMs,
                          Long meanCycleTimeMs) {
    }
}
