package io.fpi.jobs.imports;

import io.fpi.importer.ImportProgress;
import io.fpi.importer.ImportReport;
import io.fpi.jobs.common.DeadLetter;

/**
 * What the import job tells the command that started it, from inside its tasks. Calls come from
 * several threads (the parser thread, the trace tasks, the dead-letter sink), so implementations
 * must be thread-safe. Everything has a no-op default.
 */
public interface ImportObserver {
    /** The parser starts reading the file (the job is up). */
    default void onParseStarted() {}

    /** A parser progress sample (every few thousand events read). */
    default void onProgress(ImportProgress progress) {}

    /** The parse finished; every event is in the job. */
    default void onParsed(ImportReport report) {}

    /** The parse failed (malformed file, or an invalid event under --strict); the job fails too. */
    default void onParseFailed(Throwable error) {}

    /** Cases whose final trace left the trace builder, and the events those traces hold. */
    default void onTraced(long cases, long events) {}

    /** An event the pipeline refused (e.g. BAD_TIMESTAMP, the live decoder's range check). */
    default void onDeadLetter(DeadLetter deadLetter) {}
}
