package io.fpi.simulator.truth;

import java.util.ArrayList;
import java.util.List;

/** Keeps the ground truth in memory, for tests and in-process scoring. Not thread-safe. */
public final class GroundTruthCollector implements GroundTruthSink {
    private RunInfo run;
    private final List<OrderTruth> orders = new ArrayList<>();
    private final List<MalformedTruth> malformed = new ArrayList<>();
    private TruthSummary summary;

    @Override
    public void run(RunInfo info) {
        this.run = info;
    }

    @Override
    public void order(OrderTruth order) {
        orders.add(order);
    }

    @Override
    public void malformed(MalformedTruth record) {
        malformed.add(record);
    }

    @Override
    public void summary(TruthSummary s) {
        this.summary = s;
    }

    public GroundTruth groundTruth() {
        return new GroundTruth(run, orders, malformed, summary);
    }
}
