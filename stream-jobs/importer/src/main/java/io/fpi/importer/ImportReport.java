package io.fpi.importer;

import java.time.Duration;
import java.util.Map;

/**
 * The outcome of one parse, for the CLI to print: "events read, imported, rejected (with
 * reasons)".
 *
 * @param eventsRead        events found in the file (for OCEL, before flattening)
 * @param eventsImported    events handed to the sink; for OCEL an event related to k case
 *                          objects counts k times
 * @param rejectedByReason  reason code (see the constants) to count, in first-seen order;
 *                          empty unless the parse ran with {@code OnInvalidEvent.REJECT}
 * @param firstRejection    reason code to the first occurrence's message (with its line)
 * @param eventsWithoutCase OCEL: events related to no object of the case object type (they are
 *                          not part of any case after flattening; not an error)
 * @param caseObjectType    OCEL: the object type flattened on; null for other formats
 * @param cases             distinct case ids imported
 * @param bytesRead         stored bytes read in the last pass (compressed size for .gz)
 */
public record ImportReport(
        LogFormat format,
        String sourceName,
        long eventsRead,
        long eventsImported,
        Map<String, Long> rejectedByReason,
        Map<String, String> firstRejection,
        long eventsWithoutCase,
        String caseObjectType,
        long cases,
        Duration elapsed,
        long bytesRead) {

    public static final String MISSING_CASE_ID = "MISSING_CASE_ID";
    public static final String MISSING_ACTIVITY = "MISSING_ACTIVITY";
    public static final String MISSING_TIMESTAMP = "MISSING_TIMESTAMP";
    public static final String BAD_TIMESTAMP = "BAD_TIMESTAMP";
    public static final String UNKNOWN_OBJECT = "UNKNOWN_OBJECT";
    public static final String EVENT_OUTSIDE_TRACE = "EVENT_OUTSIDE_TRACE";

    public ImportReport {
        rejectedByReason = Map.copyOf(rejectedByReason);
        firstRejection = Map.copyOf(firstRejection);
    }

    public long rejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Events read per second of wall-clock time, or 0 for an instant parse. */
    public double eventsPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : eventsRead / s;
    }

    /** A few lines for a person. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s (%s): %d events read, %d imported, %d rejected, %d cases",
                sourceName, format.cliName(), eventsRead, eventsImported, rejected(), cases));
        if (caseObjectType != null) {
            sb.append(String.format(" (case object type '%s'; %d events without such an object)",
                    caseObjectType, eventsWithoutCase));
        }
        sb.append(String.format(" in %.1f s (%.0f events/s)", elapsed.toNanos() / 1e9, eventsPerSecond()));
        rejectedByReason.forEach((reason, n) -> sb.append(String.format("%n  rejected %s: %d (first: %s)",
                reason, n, firstRejection.get(reason))));
        return sb.toString();
    }
}
