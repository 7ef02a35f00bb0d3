package io.fpi.jobs.imports.source;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Hands the file's one split to the first reader that asks and tells every other reader there is
 * nothing more. A split handed back (its reader failed) goes to the next reader that asks.
 */
final class LogFileEnumerator implements SplitEnumerator<LogFileSplit, Boolean> {
    private final SplitEnumeratorContext<LogFileSplit> context;
    private final List<LogFileSplit> unassigned = new ArrayList<>();

    LogFileEnumerator(SplitEnumeratorContext<LogFileSplit> context, LogFileSplit split) {
        this.context = context;
        if (split != null) {
            unassigned.add(split);
        }
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        if (!unassigned.isEmpty()) {
            context.assignSplit(unassigned.remove(0), subtaskId);
        }
        context.signalNoMoreSplits(subtaskId);
    }

    @Override
    public void addSplitsBack(List<LogFileSplit> splits, int subtaskId) {
        unassigned.addAll(splits);
    }

    @Override
    public void addReader(int subtaskId) {}

    /** Whether the split is still unassigned: a restored enumerator hands it out again. */
    @Override
    public Boolean snapshotState(long checkpointId) {
        return !unassigned.isEmpty();
    }

    @Override
    public void close() {}
}
