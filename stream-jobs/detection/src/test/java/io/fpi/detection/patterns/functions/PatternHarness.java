package io.fpi.detection.patterns.functions;

import io.fpi.detection.patterns.ExceptionPatterns;
import io.fpi.detection.patterns.PatternConfig;
import io.fpi.detection.patterns.PatternKeys;
import io.fpi.detection.findings.FindingSerializer;
import io.fpi.detection.patterns.records.PatternHit;
import io.fpi.detection.patterns.records.WindowCount;
import io.fpi.schemas.Finding;
import io.fpi.schemas.FulfillmentEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** A keyed test harness around one {@link PatternDetector}, fed with events as the hits operator would. */
final class PatternHarness implements AutoCloseable {
    final KeyedOneInputStreamOperatorTestHarness<String, PatternHit, Finding> harness;
    private final PatternConfig config;
    private final long datasetStartMs;

    private PatternHarness(PatternConfig config, long datasetStartMs, OperatorSubtaskState restoreFrom) throws Exception {
        this.config = config;
        this.datasetStartMs = datasetStartMs;
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new PatternDetector(config)),
                new ExceptionPatterns.PatternKey(), Types.STRING);
        harness.setup(new FindingSerializer()); // findings are Avro; Flink's extraction would ask for flink-avro
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
    }

    /** A detector whose dataset started at {@code datasetStartMs}. */
    static PatternHarness open(PatternConfig config, long datasetStartMs) throws Exception {
        return new PatternHarness(config, datasetStartMs, null);
    }

    static PatternHarness restore(PatternConfig config, long datasetStartMs, OperatorSubtaskState snapshot) throws Exception {
        return new PatternHarness(config, datasetStartMs, snapshot);
    }

    PatternHarness send(List<FulfillmentEvent> events) throws Exception {
        for (FulfillmentEvent e : events) {
            send(e);
        }
        return this;
    }

    PatternHarness send(FulfillmentEvent e) throws Exception {
        for (PatternHit h : PatternKeys.hits(e, config, datasetStartMs)) {
            harness.processElement(h, e.getEventTime());
        }
        return this;
    }

    PatternHarness watermark(long time) throws Exception {
        harness.processWatermark(time);
        return this;
    }

    OperatorSubtaskState snapshot() throws Exception {
        return harness.snapshot(1L, 1L);
    }

    List<Finding> findings() {
        return harness.extractOutputValues();
    }

    List<Finding> findings(String type) {
        return findings().stream().filter(f -> f.getType().equals(type)).toList();
    }

    List<WindowCount> windows() {
        List<WindowCount> out = new ArrayList<>();
        var queue = harness.getSideOutput(PatternDetector.WINDOWS);
        if (queue != null) {
            for (StreamRecord<WindowCount> r : queue) {
                out.add(r.getValue());
            }
        }
        return out;
    }

    int stateEntries() {
        return harness.numKeyedStateEntries();
    }

    int eventTimeTimers() {
        return harness.numEventTimeTimers();
    }

    void clearOutput() {
        harness.getOutput().clear();
        if (harness.getSideOutput(PatternDetector.WINDOWS) != null) {
            harness.getSideOutput(PatternDetector.WINDOWS).clear();
        }
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
