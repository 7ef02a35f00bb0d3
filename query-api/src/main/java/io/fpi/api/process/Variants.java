package io.fpi.api.process;

import io.fpi.api.http.RecordRows;
import io.fpi.api.http.Tabular;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/process/variants}: the log's figures ({@code variants} counts them all) and the
 * {@code limit} most frequent variants, most cases first. As CSV: the variants (activities joined by " > ").
 */
public record Variants(String dataset, Instant from, Instant to, String channel, String fulfillmentType, long cases, long events, long activities,
                       long variants, long dfgEdges, long topVariantCases, int limit, List<Variant> topVariants)
        implements Tabular {

    /**
     * One exact activity sequence. {@code meanDurationMs}: mean of last event - placement over its
     * cases; {@code meanCycleTimeMs}: mean cycle time of its closed cases (null if none closed).
     */
    public record Variant(int rank, List<String> activities, long cases, double share, long meanDurationMs,
                          Long meanCycleTimeMs) {
    }

    @Override
    public String csvName() {
        return "variants";
    }

    @Override
    public List<String> csvHeader() {
        return RecordRows.header(Variant.class);
    }

    @Override
    public List<List<Object>> csvRows() {
        return RecordRows.rows(topVariants);
    }
}
