package io.fpi.simulator.stream;

import io.fpi.simulator.MalformedReason;
import io.fpi.simulator.SimRecord;
import io.fpi.simulator.truth.OrderTruth;
import io.fpi.simulator.truth.TruthSummary;
import java.util.Map;
import java.util.TreeMap;

/** Running counts of a stream, turned into the summary line at the end. */
final class StreamStats {
    private final long simStartMs;
    private final long[] malformed = new long[MalformedReason.values().length];
    private long orders;
    private long truncated;
    private long events;
    private long records;
    private long duplicates;
    private long outOfOrder;
    private long late;
    private long stalled;
    private long failed;
    private long simEndMs;

    StreamStats(long simStartMs) {
        this.simStartMs = simStartMs;
        this.simEndMs = simStartMs;
    }

    void record(SimRecord r) {
        records++;
        simEndMs = r.emitAtSimMs();
        switch (r.kind()) {
            case EVENT -> {
                events++;
                if (r.emitAtSimMs() > r.event().getEventTime()) {
                    outOfOrder++;
                }
            }
            case DUPLICATE -> duplicates++;
            case MALFORMED -> malformed[r.malformedReason().ordinal()]++;
        }
    }

    void order(OrderTruth t) {
        orders++;
        if (t.truncated()) {
            truncated++;
        }
        if (t.late() != null) {
            late++;
        }
        if (t.stalled() != null) {
            stalled++;
        }
        if (t.failed() != null) {
            failed++;
        }
    }

    long records() {
        return records;
    }

    long simEndMs() {
        return simEndMs;
    }

    TruthSummary summary() {
        Map<String, Long> byReason = new TreeMap<>();
        long total = 0;
        for (MalformedReason r : MalformedReason.values()) {
            byReason.put(r.name(), malformed[r.ordinal()]);
            total += malformed[r.ordinal()];
        }
        return new TruthSummary(orders, truncated, events, records, duplicates, outOfOrder, total, byReason,
                late, stalled, failed, simStartMs, simEndMs);
    }
}
