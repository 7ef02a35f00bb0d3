package io.fpi.launcher;

import io.fpi.importer.ImportProgress;
import io.fpi.importer.ImportReport;
import io.fpi.jobs.common.DeadLetter;
import io.fpi.jobs.imports.ImportObserver;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Everything one import job reports, collected for the progress line and the final report.
 * Written by the job's threads, read by the command's; hence atomics and a lock on the map.
 */
final class ImportTally implements ImportObserver {
    private final AtomicReference<ImportProgress> progress = new AtomicReference<>();
    private final AtomicReference<ImportReport> report = new AtomicReference<>();
    private final AtomicReference<Throwable> parseFailure = new AtomicReference<>();
    private final AtomicLong tracedCases = new AtomicLong();
    private final AtomicLong tracedEvents = new AtomicLong();
    private final AtomicLong parseStartedAtNanos = new AtomicLong();
    private final AtomicLong parsedAtNanos = new AtomicLong();
    private final Map<String, Long> refused = new LinkedHashMap<>();
    private final Map<String, String> firstRefusal = new LinkedHashMap<>();

    @Override
    public void onParseStarted() {
        parseStartedAtNanos.set(System.nanoTime());
    }

    @Override
    public void onProgress(ImportProgress p) {
        progress.set(p);
    }

    @Override
    public void onParsed(ImportReport r) {
        parsedAtNanos.set(System.nanoTime());
        report.set(r);
    }

    @Override
    public void onParseFailed(Throwable error) {
        parseFailure.set(error);
    }

    @Override
    public void onTraced(long cases, long events) {
        tracedCases.addAndGet(cases);
        tracedEvents.addAndGet(events);
    }

    @Override
    public synchronized void onDeadLetter(DeadLetter d) {
        refused.merge(d.reason.name(), 1L, Long::sum);
        firstRefusal.putIfAbsent(d.reason.name(), d.detail);
    }

    ImportProgress progress() {
        return progress.get();
    }

    /** Null until the whole file has been parsed. */
    ImportReport report() {
        return report.get();
    }

    /** 0 until the job is up and its parser starts. */
    long parseStartedAtNanos() {
        return parseStartedAtNanos.get();
    }

    long parsedAtNanos() {
        return parsedAtNanos.get();
    }

    Throwable parseFailure() {
        return parseFailure.get();
    }

    long tracedCases() {
        return tracedCases.get();
    }

    long tracedEvents() {
        return tracedEvents.get();
    }

    /** Events the pipeline refused after parsing (live decoder rules), by reason. */
    synchronized Map<String, Long> refused() {
        return new LinkedHashMap<>(refused);
    }

    synchronized Map<String, String> firstRefusal() {
        return new LinkedHashMap<>(firstRefusal);
    }

    synchronized long refusedTotal() {
        return refused.values().stream().mapToLong(Long::longValue).sum();
    }
}
