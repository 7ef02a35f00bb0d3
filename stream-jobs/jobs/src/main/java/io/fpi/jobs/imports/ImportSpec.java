package io.fpi.jobs.imports;

import io.fpi.importer.ImportOptions;
import io.fpi.importer.ImportOptions.OnInvalidEvent;
import io.fpi.importer.LogFormat;
import io.fpi.importer.ProgressListener;
import java.io.Serializable;
import java.util.Objects;

/**
 * What one import parses: the file, its format and the parser options, in a serializable form
 * that travels with the job graph to the source reader ({@link ImportOptions} holds a listener and
 * does not).
 *
 * @param file           path of the log as the task manager sees it (locally: the launcher's path)
 * @param format         never null: the launcher detects it before the job is built, so that an
 *                       unknown format fails before anything starts
 * @param strict         true: the first invalid event fails the import (FAIL); false: invalid
 *                       events are skipped and counted by reason (REJECT)
 * @param observerId     the {@link ImportObservers} entry that receives progress and the report,
 *                       or null (e.g. on a remote cluster, where only the logs see them)
 */
public record ImportSpec(String file, LogFormat format, String dataset, long ingestTimeMillis,
                         String caseObjectType, String csvCaseColumn, String csvActivityColumn,
                         String csvTimestampColumn, boolean strict, String observerId) implements Serializable {

    public ImportSpec {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(dataset, "dataset");
    }

    /** The parser options, reporting progress to {@code progress} every {@code every} events read. */
    public ImportOptions options(ProgressListener progress, long every) {
        return ImportOptions.builder(dataset, ingestTimeMillis)
                .caseObjectType(caseObjectType)
                .csvColumns(csvCaseColumn, csvActivityColumn, csvTimestampColumn)
                .onInvalidEvent(strict ? OnInvalidEvent.FAIL : OnInvalidEvent.REJECT)
                .progress(progress, every)
                .build();
    }

    public ImportSpec withObserver(String id) {
        return new ImportSpec(file, format, dataset, ingestTimeMillis, caseObjectType, csvCaseColumn, csvActivityColumn,
                csvTimestampColumn, strict, id);
    }
}
