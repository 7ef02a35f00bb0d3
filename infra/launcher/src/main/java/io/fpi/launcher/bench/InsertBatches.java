package io.fpi.launcher.bench;

import io.fpi.jobs.common.Hashes;
import io.fpi.jobs.common.JsonRowWriter;
import io.fpi.jobs.traces.functions.TraceKeySelector;
import io.fpi.jobs.traces.functions.TraceRows;
import io.fpi.jobs.traces.records.EventRowEncoder;
import io.fpi.jobs.traces.records.TraceRowEncoder;
import io.fpi.jobs.traces.records.TraceState;
import io.fpi.schemas.FulfillmentEvent;
import io.fpi.simulator.RecordKind;
import io.fpi.simulator.SimRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * B3's input, built before the clock starts: the rows the trace job would write for the first
 * events of the benchmark topic, computed with the job's own classes ({@link TraceState},
 * {@link TraceRows}) and encoded by the sink's own encoders into JSONEachRow batches of the sink's
 * batch size. One trace row and one event row per distinct event, as the job emits them.
 */
final class InsertBatches implements Consumer<SimRecord> {
    private final int maxRows;
    private final int batchRows;
    private final Map<String, TraceState> states = new HashMap<>();
    private final TraceRowEncoder traceEncoder = new TraceRowEncoder();
    private final EventRowEncoder eventEncoder = new EventRowEncoder();
    private final JsonRowWriter traceBuf = new JsonRowWriter(1 << 20);
    private final JsonRowWriter eventBuf = new JsonRowWriter(1 << 20);
    private final List<byte[]> traceBatches = new ArrayList<>();
    private final List<byte[]> eventBatches = new ArrayList<>();
    private final java.util.Set<String> keysInBatch = new java.util.HashSet<>();
    private int rows;
    private int superseded;

    InsertBatches(int maxRows, int batchRows) {
        this.maxRows = maxRows;
        this.batchRows = batchRows;
    }

    @Override
    public void accept(SimRecord r) {
        if (rows >= maxRows || r.kind() != RecordKind.EVENT) {
            return; // duplicates emit nothing in the job; malformed records go to the dead-letter topic
        }
        FulfillmentEvent e = r.event();
        String key = TraceKeySelector.of(e.getDataset(), e.getOrderId());
        TraceState state = states.computeIfAbsent(key, k -> new TraceState());
        long id = Hashes.eventId(e.getEventId());
        if (state.contains(id)) {
            return;
        }
        state.add(e, id);
        if (!keysInBatch.add(key)) {
            superseded++; // an earlier row of this order in the same batch is replaced by this one
        }
        traceEncoder.encode(TraceRows.of(e.getDataset(), e.getOrderId(), state), traceBuf);
        eventEncoder.encode(e, eventBuf);
        rows++;
        if (traceBuf.rows() >= batchRows || rows == maxRows) {
            cut();
        }
    }

    /** Closes the last, partial batch. */
    InsertBatches finish() {
        if (traceBuf.rows() > 0) {
            cut();
        }
        states.clear();
        return this;
    }

    private void cut() {
        traceBatches.add(traceBuf.toByteArray());
        eventBatches.add(eventBuf.toByteArray());
        traceBuf.reset();
        eventBuf.reset();
        keysInBatch.clear();
    }

    /**
     * Trace rows that a later row of the same order in the same batch replaces: what keeping only
     * the highest version per order within a batch would save (for batches of this size).
     */
    int supersededWithinBatch() {
        return superseded;
    }

    int rows() {
        return rows;
    }

    List<byte[]> traceBatches() {
        return traceBatches;
    }

    List<byte[]> eventBatches() {
        return eventBatches;
    }

    long traceBytes() {
        return traceBatches.stream().mapToLong(b -> b.length).sum();
    }
}
