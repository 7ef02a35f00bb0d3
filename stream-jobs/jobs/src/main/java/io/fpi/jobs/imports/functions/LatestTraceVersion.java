package io.fpi.jobs.imports.functions;

import io.fpi.jobs.imports.ImportObservers;
import io.fpi.jobs.traces.records.TraceRow;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Drops trace rows that the very next row supersedes: of a run of consecutive rows for the same
 * order, only the last (highest version) goes on. The trace builder emits one row per event, and
 * the table keeps only the highest version anyway, so this changes what is written, never what is
 * read.
 *
 * <p>It pays off in the import job, which runs in batch mode: there the trace builder sees each
 * order's events together (its input is sorted by key), so an order's rows form one run and a
 * trace of n events costs one insert row instead of n. In a streaming job runs are short and
 * nearly every row passes. Chained to the trace builder, it keeps no state across checkpoints: the
 * held row is emitted before every checkpoint barrier and at the end of input, so nothing the
 * builder produced can be lost.
 */
public final class LatestTraceVersion extends AbstractStreamOperator<TraceRow>
        implements OneInputStreamOperator<TraceRow, TraceRow>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    private static final long REPORT_EVERY_CASES = 1024;

    private final String observerId;
    /** The upstream collector reuses its StreamRecord, so the row is held, not the record. */
    private transient TraceRow held;
    private transient long heldTimestamp;
    private transient boolean heldHasTimestamp;
    private transient long casesSinceReport;
    private transient long eventsSinceReport;

    /** @param observerId where to report traced cases and events ({@link ImportObservers}), or null */
    public LatestTraceVersion(String observerId) {
        this.observerId = observerId;
    }

    @Override
    public void processElement(StreamRecord<TraceRow> element) {
        TraceRow row = element.getValue();
        if (held != null && !sameOrder(held, row)) {
            emitHeld();
        }
        held = row;
        heldHasTimestamp = element.hasTimestamp();
        heldTimestamp = element.getTimestamp();
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) {
        emitHeld();
        report();
    }

    @Override
    public void endInput() {
        emitHeld();
        report();
    }

    private void emitHeld() {
        if (held == null) {
            return;
        }
        output.collect(heldHasTimestamp ? new StreamRecord<>(held, heldTimestamp) : new StreamRecord<>(held));
        casesSinceReport++;
        eventsSinceReport += held.eventCount;
        held = null;
        if (casesSinceReport >= REPORT_EVERY_CASES) {
            report();
        }
    }

    private void report() {
        if (casesSinceReport > 0) {
            ImportObservers.get(observerId).onTraced(casesSinceReport, eventsSinceReport);
            casesSinceReport = 0;
            eventsSinceReport = 0;
        }
    }

    private static boolean sameOrder(TraceRow a, TraceRow b) {
        return a.orderId.equals(b.orderId) && a.dataset.equals(b.dataset);
    }
}
