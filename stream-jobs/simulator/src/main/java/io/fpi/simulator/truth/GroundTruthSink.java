package io.fpi.simulator.truth;

/**
 * Receives the ground truth as the run produces it: the run line first, an order when its last
 * record was emitted (or when the run stops), each malformed record, and the summary last.
 */
public interface GroundTruthSink extends AutoCloseable {
    GroundTruthSink NONE = order -> { };

    default void run(RunInfo run) {
    }

    void order(OrderTruth order);

    default void malformed(MalformedTruth record) {
    }

    default void summary(TruthSummary summary) {
    }

    @Override
    default void close() {
    }
}
