package io.fpi.launcher;

import io.fpi.importer.ImportReport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one {@code bin/fpi import}, and its report for a person: events read, imported,
 * rejected with reasons, cases, elapsed time, and what ClickHouse holds afterwards, so that an
 * import is either complete or says exactly what is missing.
 *
 * @param parse     the parser's report; null when the parse failed
 * @param stored    what the tables hold for the dataset after the import; null after a failure
 * @param failure   why the import failed; null when it ran to the end
 * @param rolledBack the dataset's rows were deleted after the failure (it did not hold a complete
 *                  import of this file before)
 */
record ImportResult(String dataset, String file, String format, DatasetImporter.Mode mode, ImportReport parse,
                    Map<String, Long> refused, Map<String, String> firstRefusal, long tracedCases,
                    DatasetRows.Counts stored, Throwable failure, boolean rolledBack, Duration elapsed) {

    /** Imported events the tables must hold: imported by the parser minus refused by the pipeline. */
    long expectedEvents() {
        return parse == null ? 0 : parse.eventsImported() - refused.values().stream().mapToLong(Long::longValue).sum();
    }

    boolean complete() {
        return failure == null && stored != null && stored.events() == expectedEvents()
                && stored.eventsInTraces() == expectedEvents() && stored.traces() == tracedCases;
    }

    /** Parser rejections and pipeline refusals together, by reason. */
    Map<String, Long> rejected() {
        Map<String, Long> all = new LinkedHashMap<>(parse == null ? Map.of() : parse.rejectedByReason());
        refused.forEach((k, v) -> all.merge(k, v, Long::sum));
        return all;
    }

    long rejectedTotal() {
        return rejected().values().stream().mapToLong(Long::longValue).sum();
    }

    void print(PrintStream out) {
        double seconds = elapsed.toNanos() / 1e9;
        if (failure != null) {
            out.printf("Import of %s into dataset '%s' FAILED after %.1f s.%n", file, dataset, seconds);
            out.println(switch (mode) {
                case FRESH -> "  Nothing was imported: dataset '" + dataset + "' does not exist"
                        + " (any rows written before the failure were deleted).";
                case REPLACE -> "  Dataset '" + dataset + "' is now empty: --replace deleted its previous rows,"
                        + " and any rows written before the failure were deleted.";
                case REIMPORT -> rolledBack
                        ? "  Dataset '" + dataset + "' was deleted: its earlier import of this file had not completed either."
                        : "  Dataset '" + dataset + "' is unchanged: it still holds its earlier complete import of this file.";
            });
            return;
        }
        out.printf("Imported %s (%s) into dataset '%s'%s%n", file, format, dataset, switch (mode) {
            case FRESH -> "";
            case REIMPORT -> " again (same file: existing rows replaced by identical ones, nothing doubled)";
            case REPLACE -> " (its previous rows were deleted first)";
        });
        out.printf("  events read     %,d%n", parse.eventsRead());
        out.printf("  imported        %,d%s%n", expectedEvents(),
                parse.caseObjectType() != null ? " (flattened on object type '" + parse.caseObjectType() + "')" : "");
        out.printf("  rejected        %,d%n", rejectedTotal());
        Map<String, String> first = new LinkedHashMap<>(parse.firstRejection());
        firstRefusal.forEach(first::putIfAbsent);
        rejected().forEach((reason, n) -> out.printf("    %-18s %,d  first: %s%n", reason, n, first.get(reason)));
        if (parse.caseObjectType() != null && parse.eventsWithoutCase() > 0) {
            out.printf("  without a case  %,d events relate to no '%s' object (in no case)%n", parse.eventsWithoutCase(),
                    parse.caseObjectType());
        }
        out.printf("  cases           %,d%n", tracedCases);
        out.printf("  elapsed         %.1f s (%,.0f events/s)%n", seconds, seconds > 0 ? parse.eventsRead() / seconds : 0.0);
        if (complete()) {
            out.printf("  ClickHouse      %,d events in %,d traces: complete%n", stored.events(), stored.traces());
        } else {
            out.printf("  INCOMPLETE: ClickHouse holds %,d of %,d events and %,d of %,d traces (%,d events in traces)."
                    + " Run the same import again to complete it.%n", stored.events(), expectedEvents(), stored.traces(),
                    tracedCases, stored.eventsInTraces());
        }
    }
}
