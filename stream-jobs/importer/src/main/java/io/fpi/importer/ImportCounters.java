package io.fpi.importer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The running tallies of one parse, shared by every format: counts, the rejection policy, and the
 * progress callback. Parsers call {@link #eventRead()} per event found, {@link #imported(String)}
 * per event emitted, and {@link #invalid} for an unusable event.
 */
public final class ImportCounters {
    private final ImportSource source;
    private final ImportOptions options;
    private final LogFormat format;
    private final long startNanos = System.nanoTime();
    private final long totalBytes;
    private final DistinctCounter cases = new DistinctCounter();
    private final Map<String, Long> rejected = new LinkedHashMap<>();
    private final Map<String, String> firstRejection = new LinkedHashMap<>();
    private String phase = "events";
    private long eventsRead;
    private long eventsImported;
    private long withoutCase;

    public ImportCounters(ImportSource source, ImportOptions options, LogFormat format) {
        this.source = source;
        this.options = options;
        this.format = format;
        this.totalBytes = source.size();
    }

    /** Counts an event found in the file; fires the progress callback every N events. */
    public void eventRead() {
        eventsRead++;
        if (eventsRead % options.progressEvery() == 0) {
            fireProgress();
        }
    }

    public long eventsRead() {
        return eventsRead;
    }

    public void imported(String caseId) {
        eventsImported++;
        cases.add(caseId);
    }

    public void withoutCase() {
        withoutCase++;
    }

    /** Names the pass reported in progress samples ("objects" or "events"). */
    public void phase(String name) {
        this.phase = name;
        fireProgress();
    }

    /**
     * An event that cannot be imported. Under FAIL this throws; under REJECT it is counted and
     * the caller skips the event.
     *
     * @param line   1-based line of the event, or -1
     * @param detail what is wrong, naming the element or field
     * @throws ImportException under {@link ImportOptions.OnInvalidEvent#FAIL}
     */
    public void invalid(String reason, int line, int column, String detail) {
        if (options.onInvalidEvent() == ImportOptions.OnInvalidEvent.FAIL) {
            throw new ImportException(source.name(), line, column, detail);
        }
        rejected.merge(reason, 1L, Long::sum);
        firstRejection.putIfAbsent(reason, ImportException.position(line, column).isEmpty()
                ? detail : ImportException.position(line, column) + ": " + detail);
    }

    /** Final progress sample and the report. */
    public ImportReport finish(String caseObjectType) {
        fireProgress();
        return new ImportReport(format, source.name(), eventsRead, eventsImported, rejected, firstRejection,
                withoutCase, caseObjectType, cases.count(), Duration.ofNanos(System.nanoTime() - startNanos),
                source.bytesConsumed());
    }

    private void fireProgress() {
        options.progressListener().onProgress(
                new ImportProgress(phase, eventsRead, eventsImported, source.bytesConsumed(), totalBytes));
    }
}
