package io.fpi.detection.patterns;

import io.fpi.detection.patterns.functions.PatternDetector;
import io.fpi.detection.patterns.functions.PatternHits;
import io.fpi.detection.findings.FindingSerializer;
import io.fpi.detection.patterns.records.PatternHit;
import io.fpi.detection.patterns.records.WindowCount;
import io.fpi.schemas.Finding;
import io.fpi.schemas.FulfillmentEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * Both keyed operators chained by hand (hits, then detector), driven with the watermark a source
 * with the given out-of-orderness bound would emit. Fast enough for a simulated day, and it
 * isolates the detection rules from the cluster; the MiniCluster test covers the wiring.
 */
final class PatternPipelineHarness implements AutoCloseable {
    private final KeyedOneInputStreamOperatorTestHarness<String, FulfillmentEvent, PatternHit> hits;
    private final KeyedOneInputStreamOperatorTestHarness<String, PatternHit, Finding> detector;
    private final PatternConfig config;
    private final long outOfOrdernessMs;
    private long maxEventTime = Long.MIN_VALUE;
    private long watermark = Long.MIN_VALUE;

    PatternPipelineHarness(PatternConfig config, long outOfOrdernessMs) throws Exception {
        this.config = config;
        this.outOfOrdernessMs = outOfOrdernessMs;
        hits = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new PatternHits(config)),
                FulfillmentEvent::getDataset, Types.STRING);
        detector = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new PatternDetector(config)),
                new ExceptionPatterns.PatternKey(), Types.STRING);
        detector.setup(new FindingSerializer()); // findings are Avro; Flink's extraction would ask for flink-avro
        hits.open();
        detector.open();
    }

    /** Runs all events (in arrival order) and a final end-of-input watermark. */
    static PatternPipelineHarness run(PatternConfig config, List<FulfillmentEvent> events) throws Exception {
        PatternPipelineHarness p = new PatternPipelineHarness(config, 30_000);
        for (FulfillmentEvent e : events) {
            p.send(e);
        }
        p.watermark(Long.MAX_VALUE);
        return p;
    }

    void send(FulfillmentEvent e) throws Exception {
        if (PatternKeys.counts(e, config)) {
            hits.processElement(e, e.getEventTime());
            forward();
        }
        maxEventTime = Math.max(maxEventTime, e.getEventTime());
        long next = maxEventTime - outOfOrdernessMs - 1;
        if (next >= watermark + 1000) { // periodic, as a source would emit it
            watermark(next);
        }
    }

    void watermark(long time) throws Exception {
        watermark = time;
        hits.processWatermark(time);
        forward();
        detector.processWatermark(time);
    }

    @SuppressWarnings("unchecked")
    private void forward() throws Exception {
        for (Object o : hits.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                detector.processElement((StreamRecord<PatternHit>) r);
            }
        }
        hits.getOutput().clear();
    }

    List<Finding> findings() {
        return detector.extractOutputValues();
    }

    List<WindowCount> windows() {
        List<WindowCount> out = new ArrayList<>();
        var queue = detector.getSideOutput(PatternDetector.WINDOWS);
        if (queue != null) {
            for (StreamRecord<WindowCount> r : queue) {
                out.add(r.getValue());
            }
        }
        return out;
    }

    int stateEntries() {
        return hits.numKeyedStateEntries() + detector.numKeyedStateEntries();
    }

    int eventTimeTimers() {
        return hits.numEventTimeTimers() + detector.numEventTimeTimers();
    }

    @Override
    public void close() throws Exception {
        hits.close();
        detector.close();
    }
}
