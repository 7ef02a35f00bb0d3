package io.fpi.importer.csv;

import io.fpi.importer.ImportException;
import io.fpi.importer.ImportOptions;
import java.util.List;
import java.util.Locale;

/**
 * Which header columns hold the case id, the activity and the timestamp. Named by the caller
 * ({@code --csv-case/--csv-activity/--csv-timestamp}, exact header text), or else the first header
 * matching, case-insensitively, one of the conventional names below (pm4py's XES-style names
 * first).
 */
public record CsvColumns(int caseIndex, int activityIndex, int timestampIndex, List<String> header) {

    public static final List<String> CASE_NAMES =
            List.of("case:concept:name", "case_id", "case id", "caseid", "case", "order_id");
    public static final List<String> ACTIVITY_NAMES =
            List.of("concept:name", "activity", "activity_name", "event");
    public static final List<String> TIMESTAMP_NAMES =
            List.of("time:timestamp", "timestamp", "time", "event_time");

    /** @throws ImportException naming the missing column and listing the header */
    static CsvColumns resolve(List<String> header, ImportOptions options, String sourceName) {
        for (int i = 0; i < header.size(); i++) {
            if (header.indexOf(header.get(i)) != i) {
                throw new ImportException(sourceName, 1, -1, "the header names column '" + header.get(i) + "' twice");
            }
        }
        return new CsvColumns(
                index(header, options.csvCaseColumn(), CASE_NAMES, "case", "--csv-case", sourceName),
                index(header, options.csvActivityColumn(), ACTIVITY_NAMES, "activity", "--csv-activity", sourceName),
                index(header, options.csvTimestampColumn(), TIMESTAMP_NAMES, "timestamp", "--csv-timestamp", sourceName),
                List.copyOf(header));
    }

    String name(int index) {
        return header.get(index);
    }

    private static int index(List<String> header, String given, List<String> conventional, String role,
                             String flag, String sourceName) {
        if (given != null) {
            int i = header.indexOf(given);
            if (i < 0) {
                throw new ImportException(sourceName, 1, -1, "no column '" + given + "' (" + flag
                        + ") in the header; the columns are: " + String.join(", ", header));
            }
            return i;
        }
        for (String name : conventional) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).trim().toLowerCase(Locale.ROOT).equals(name)) {
                    return i;
                }
            }
        }
        throw new ImportException(sourceName, 1, -1, "no " + role + " column: name it with " + flag
                + " (the columns are: " + String.join(", ", header) + ")");
    }
}
