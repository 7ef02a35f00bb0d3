package io.fpi.detection.sla;

import io.fpi.jobs.traces.functions.TraceKeySelector;
import io.fpi.schemas.Finding;
import io.fpi.schemas.FulfillmentEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** A keyed test harness around one {@link OrderMonitor}, with readable accessors. */
final class MonitorHarness implements AutoCloseable {
    final KeyedOneInputStreamOperatorTestHarness<String, FulfillmentEvent, Finding> harness;

    private MonitorHarness(MonitorConfig config, OperatorSubtaskState restoreFrom) throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new OrderMonitor(config)),
                new TraceKeySelector(), Types.STRING);
        harness.setup(new io.fpi.detection.findings.FindingSerializer());
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
    }

    static MonitorHarness open(MonitorConfig config) throws Exception {
        return new MonitorHarness(config, null);
    }

    static MonitorHarness restore(MonitorConfig config, OperatorSubtaskState snapshot) throws Exception {
        return new MonitorHarness(config, snapshot);
    }

    /** Each event with its event time as the record timestamp, as the source assigns it. */
    MonitorHarness send(FulfillmentEvent... events) throws Exception {
        for (FulfillmentEvent e : events) {
            harness.processElement(e, e.getEventTime());
        }
        return this;
    }

    MonitorHarness watermark(long time) throws Exception {
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
        return findings().stream().filter(f -> f.getType().equals(type)).collect(Collectors.toList());
    }

    /** "TYPE milestone-or-stage" per finding, in output order. */
    List<String> story() {
        return findings().stream().map(f -> f.getType() + " " + (f.getMilestone() != null ? f.getMilestone() : f.getStage()))
                .collect(Collectors.toList());
    }

    List<SlaOutcome> outcomes() {
        List<SlaOutcome> out = new ArrayList<>();
        var queue = harness.getSideOutput(OrderMonitor.SLA_OUTCOMES);
        if (queue != null) {
            for (StreamRecord<SlaOutcome> r : queue) {
                out.add(r.getValue());
            }
        }
        return out;
    }

    int timers() {
        return harness.numEventTimeTimers();
    }

    int stateEntries() {
        return harness.numKeyedStateEntries();
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
