package io.fpi.simulator.truth;

import java.util.List;

/** A whole run's ground truth in memory (from {@link GroundTruthCollector} or a JSONL file). */
public record GroundTruth(RunInfo run, List<OrderTruth> orders, List<MalformedTruth> malformed, TruthSummary summary) {
    public GroundTruth {
        orders = List.copyOf(orders);
        malformed = List.copyOf(malformed);
    }
}
