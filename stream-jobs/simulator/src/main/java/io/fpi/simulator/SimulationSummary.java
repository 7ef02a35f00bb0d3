package io.fpi.simulator;

import io.fpi.simulator.truth.TruthSummary;

/**
 * What a publish run did: the stream's counts (as in the ground truth's summary line), the wall
 * time it took and whether it was stopped before the stream ended.
 */
public record SimulationSummary(TruthSummary counts, long wallMillis, boolean stopped) {
    public long records() {
        return counts.records();
    }

    public long events() {
        return counts.events();
    }

    public long orders() {
        return counts.orders();
    }

    public double recordsPerWallSecond() {
        return wallMillis <= 0 ? 0 : counts.records() * 1000.0 / wallMillis;
    }

    /** One line for a terminal. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%d orders (%d in flight at stop), %d records: %d events, %d duplicates, %d malformed %s, "
                        + "%d out of order; late %d, stalled %d, failed %d; %.1f s wall, %.0f records/s",
                counts.orders(), counts.ordersTruncated(), counts.records(), counts.events(), counts.duplicates(),
                counts.malformed(), counts.malformedByReason(), counts.outOfOrder(), counts.late(), counts.stalled(),
                counts.failed(), wallMillis / 1000.0, recordsPerWallSecond());
    }
}
