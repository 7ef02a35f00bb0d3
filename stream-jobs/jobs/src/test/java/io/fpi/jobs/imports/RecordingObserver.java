package io.fpi.jobs.imports;

import io.fpi.importer.ImportProgress;
import io.fpi.importer.ImportReport;
import io.fpi.jobs.common.DeadLetter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Keeps everything an import job reports, for assertions. */
final class RecordingObserver implements ImportObserver {
    final List<ImportProgress> progress = new CopyOnWriteArrayList<>();
    final AtomicReference<ImportReport> report = new AtomicReference<>();
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    final AtomicLong tracedCases = new AtomicLong();
    final AtomicLong tracedEvents = new AtomicLong();
    final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();

    @Override
    public void onProgress(ImportProgress p) {
        progress.add(p);
    }

    @Override
    public void onParsed(ImportReport r) {
        report.set(r);
    }

    @Override
    public void onParseFailed(Throwable error) {
        failure.set(error);
    }

    @Override
    public void onTraced(long cases, long events) {
        tracedCases.addAndGet(cases);
        tracedEvents.addAndGet(events);
    }

    @Override
    public void onDeadLetter(DeadLetter deadLetter) {
        deadLetters.add(deadLetter);
    }
}
