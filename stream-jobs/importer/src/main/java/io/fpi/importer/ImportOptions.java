package io.fpi.importer;

import java.util.List;
import java.util.Objects;

/**
 * What a parse needs besides the file. Built with {@link #builder(String, long)}.
 *
 * <ul>
 *   <li>{@code dataset}, {@code ingestTimeMillis}: copied onto every event.
 *   <li>{@code caseObjectType}: OCEL only; the object type whose objects become cases. Required
 *       when the log has more than one object type.
 *   <li>{@code csvCaseColumn}/{@code csvActivityColumn}/{@code csvTimestampColumn}: CSV only; null
 *       means "find a conventional header name" (see {@link io.fpi.importer.csv.CsvColumns}).
 *   <li>{@code onInvalidEvent}: FAIL (default) stops at the first invalid event with an
 *       {@link ImportException}; REJECT skips it and counts it by reason in the report.
 *       Malformed files (broken XML/JSON/CSV structure) always fail.
 *   <li>{@code sourceSystemKeys}: attribute keys whose value, if present, becomes the event's
 *       {@code source_system} instead of {@value EventFactory#DEFAULT_SOURCE_SYSTEM}.
 * </ul>
 */
public final class ImportOptions {

    /** What to do with an event that is well-formed but unusable (no activity, bad time, ...). */
    public enum OnInvalidEvent { FAIL, REJECT }

    /** Checked in order; {@code org:resource} is a person, so it stays an attribute only. */
    public static final List<String> DEFAULT_SOURCE_SYSTEM_KEYS =
            List.of("fpi:source_system", "source_system", "system");

    private final String dataset;
    private final long ingestTimeMillis;
    private final String caseObjectType;
    private final String csvCaseColumn;
    private final String csvActivityColumn;
    private final String csvTimestampColumn;
    private final Character csvDelimiter;
    private final OnInvalidEvent onInvalidEvent;
    private final ProgressListener progressListener;
    private final long progressEvery;
    private final List<String> sourceSystemKeys;

    private ImportOptions(Builder b) {
        this.dataset = b.dataset;
        this.ingestTimeMillis = b.ingestTimeMillis;
        this.caseObjectType = b.caseObjectType;
        this.csvCaseColumn = b.csvCaseColumn;
        this.csvActivityColumn = b.csvActivityColumn;
        this.csvTimestampColumn = b.csvTimestampColumn;
        this.csvDelimiter = b.csvDelimiter;
        this.onInvalidEvent = b.onInvalidEvent;
        this.progressListener = b.progressListener;
        this.progressEvery = b.progressEvery;
        this.sourceSystemKeys = List.copyOf(b.sourceSystemKeys);
    }

    public static Builder builder(String dataset, long ingestTimeMillis) {
        return new Builder(dataset, ingestTimeMillis);
    }

    public String dataset() { return dataset; }
    public long ingestTimeMillis() { return ingestTimeMillis; }
    /** Null when not given. */
    public String caseObjectType() { return caseObjectType; }
    public String csvCaseColumn() { return csvCaseColumn; }
    public String csvActivityColumn() { return csvActivityColumn; }
    public String csvTimestampColumn() { return csvTimestampColumn; }
    /** Null means: comma, or the header's ';' / tab when it has no comma. */
    public Character csvDelimiter() { return csvDelimiter; }
    public OnInvalidEvent onInvalidEvent() { return onInvalidEvent; }
    public ProgressListener progressListener() { return progressListener; }
    public long progressEvery() { return progressEvery; }
    public List<String> sourceSystemKeys() { return sourceSystemKeys; }

    public static final class Builder {
        private final String dataset;
        private final long ingestTimeMillis;
        private String caseObjectType;
        private String csvCaseColumn;
        private String csvActivityColumn;
        private String csvTimestampColumn;
        private Character csvDelimiter;
        private OnInvalidEvent onInvalidEvent = OnInvalidEvent.FAIL;
        private ProgressListener progressListener = ProgressListener.NONE;
        private long progressEvery = 50_000;
        private List<String> sourceSystemKeys = DEFAULT_SOURCE_SYSTEM_KEYS;

        private Builder(String dataset, long ingestTimeMillis) {
            if (dataset == null || dataset.isBlank()) {
                throw new IllegalArgumentException("dataset is required");
            }
            this.dataset = dataset;
            this.ingestTimeMillis = ingestTimeMillis;
        }

        public Builder caseObjectType(String type) { this.caseObjectType = blankToNull(type); return this; }

        public Builder csvColumns(String caseColumn, String activityColumn, String timestampColumn) {
            this.csvCaseColumn = blankToNull(caseColumn);
            this.csvActivityColumn = blankToNull(activityColumn);
            this.csvTimestampColumn = blankToNull(timestampColumn);
            return this;
        }

        public Builder csvDelimiter(char delimiter) { this.csvDelimiter = delimiter; return this; }

        public Builder onInvalidEvent(OnInvalidEvent policy) {
            this.onInvalidEvent = Objects.requireNonNull(policy);
            return this;
        }

        public Builder progress(ProgressListener listener, long everyEvents) {
            if (everyEvents < 1) {
                throw new IllegalArgumentException("progress interval must be >= 1 event");
            }
            this.progressListener = Objects.requireNonNull(listener);
            this.progressEvery = everyEvents;
            return this;
        }

        public Builder sourceSystemKeys(List<String> keys) {
            this.sourceSystemKeys = Objects.requireNonNull(keys);
            return this;
        }

        public ImportOptions build() {
            return new ImportOptions(this);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }
    }
}
