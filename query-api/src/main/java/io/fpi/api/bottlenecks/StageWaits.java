package io.fpi.api.bottlenecks;

import io.fpi.api.http.RecordRows;
import io.fpi.api.http.Tabular;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/bottlenecks}: where orders placed in [from, to) waited, per group and stage,
 * ranked by {@code rankBy} (total or mean waiting time, largest first), at most {@code limit} rows.
 * {@code totalWaitMs} sums every group's waiting time, cut rows included, so {@code share} of each
 * row is its part of it. Every row carries both ranks.
 */
public record StageWaits(String groupBy, String rankBy, String dataset, Instant from, Instant to, String channel,
                         String fulfillmentType, String region, String node, int limit, long totalWaitMs, int groups,
                         List<Row> bottlenecks) implements Tabular {

    /**
     * One (group, stage): {@code group} is the node, region, channel or receiving system (the stage
     * itself for groupBy=stage); {@code stage} "FROM -> TO" (milestones, or systems for source_system).
     * p90 exact (rank floor(0.9 n)).
     */
    public record Row(String group, String stage, String fromActivity, String toActivity, long count, long totalMs,
                      long meanMs, long p90Ms, double share, int rankTotal, int rankMean) {
    }

    @Override
    public String csvName() {
        return "bottlenecks-by-" + groupBy;
    }

    @Override
    public List<String> csvHeader() {
        return RecordRows.header(Row.class);
    }

    @Override
    public List<List<Object>> csvRows() {
        return RecordRows.rows(bottlenecks);
    }
}
