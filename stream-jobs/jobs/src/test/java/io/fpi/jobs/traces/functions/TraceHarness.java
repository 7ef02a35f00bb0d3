package io.fpi.jobs.traces.functions;

import io.fpi.jobs.common.DeadLetter;
import io.fpi.jobs.traces.records.OrderChange;
import io.fpi.jobs.traces.records.TraceRow;
import io.fpi.schemas.FulfillmentEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/** A keyed test harness around one {@link TraceBuilder}, with readable accessors. */
final class TraceHarness implements AutoCloseable {
    final KeyedOneInputStreamOperatorTestHarness<String, FulfillmentEvent, TraceRow> harness;

    private TraceHarness(Duration retention, Duration idleExpiry, OperatorSubtaskState restoreFrom) throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new TraceBuilder(retention, idleExpiry)), new TraceKeySelector(), Types.STRING);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
    }

    static TraceHarness open(Duration retention, Duration idleExpiry) throws Exception {
        return new TraceHarness(retention, idleExpiry, null);
    }

    static TraceHarness restore(Duration retention, Duration idleExpiry, OperatorSubtaskState snapshot) throws Exception {
        return new TraceHarness(retention, idleExpiry, snapshot);
    }

    /** Each event with its event time as record timestamp, as the source would assign it. */
    TraceHarness send(FulfillmentEvent... events) throws Exception {
        for (FulfillmentEvent e : events) {
            harness.processElement(e, e.getEventTime());
        }
        return this;
    }

    TraceHarness send(Collection<FulfillmentEvent> events) throws Exception {
        return send(events.toArray(new FulfillmentEvent[0]));
    }

    TraceHarness watermark(long time) throws Exception {
        harness.processWatermark(time);
        return this;
    }

    OperatorSubtaskState snapshot() throws Exception {
        return harness.snapshot(1L, 1L);
    }

    List<TraceRow> traces() {
        return harness.extractOutputValues();
    }

    TraceRow lastTrace() {
        List<TraceRow> rows = traces();
        if (rows.isEmpty()) {
            throw new AssertionError("no trace row was emitted");
        }
        return rows.get(rows.size() - 1);
    }

    List<FulfillmentEvent> eventRows() {
        return values(TraceBuilder.EVENTS);
    }

    List<OrderChange> orderChanges() {
        return values(TraceBuilder.ORDER_CHANGES);
    }

    List<DeadLetter> tooLate() {
        return values(TraceBuilder.TOO_LATE);
    }

    int stateEntries() {
        return harness.numKeyedStateEntries();
    }

    int eventTimeTimers() {
        return harness.numEventTimeTimers();
    }

    void clearOutput() {
        harness.getOutput().clear();
        if (harness.getSideOutput(TraceBuilder.EVENTS) != null) {
            harness.getSideOutput(TraceBuilder.EVENTS).clear();
        }
        if (harness.getSideOutput(TraceBuilder.TOO_LATE) != null) {
            harness.getSideOutput(TraceBuilder.TOO_LATE).clear();
        }
    }

    private <T> List<T> values(OutputTag<T> tag) {
        List<T> out = new ArrayList<>();
        var queue = harness.getSideOutput(tag);
        if (queue != null) {
            for (StreamRecord<T> r : queue) {
                out.add(r.getValue());
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
