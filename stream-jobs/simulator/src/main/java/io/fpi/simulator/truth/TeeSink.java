package io.fpi.simulator.truth;

/** Sends the ground truth to two sinks (e.g. a file and an in-memory collector). */
public final class TeeSink implements GroundTruthSink {
    private final GroundTruthSink a;
    private final GroundTruthSink b;

    public TeeSink(GroundTruthSink a, GroundTruthSink b) {
        this.a = a;
        this.b = b;
    }

    @Override
    public void run(RunInfo run) {
        a.run(run);
        b.run(run);
    }

    @Override
    public void order(OrderTruth order) {
        a.order(order);
        b.order(order);
    }

    @Override
    public void malformed(MalformedTruth record) {
        a.malformed(record);
        b.malformed(record);
    }

    @Override
    public void summary(TruthSummary summary) {
        a.summary(summary);
        b.summary(summary);
    }

    @Override
    public void close() {
        try {
            a.close();
        } finally {
            b.close();
        }
    }
}
