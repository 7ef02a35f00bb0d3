package io.fpi.importer.csv;

import io.fpi.importer.EventFactory;
import io.fpi.importer.EventSink;
import io.fpi.importer.ImportCounters;
import io.fpi.importer.ImportException;
import io.fpi.importer.ImportOptions;
import io.fpi.importer.ImportReport;
import io.fpi.importer.ImportSource;
import io.fpi.importer.LogFormat;
import io.fpi.importer.LogParser;
import io.fpi.importer.Timestamps;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV event table, one event per row after a header row (UTF-8, an optional BOM). Case,
 * activity and timestamp columns per {@link CsvColumns}; timestamps as in
 * {@link Timestamps#parseMillis(String, boolean)} with epoch milliseconds allowed. Every other
 * non-empty cell becomes an attribute named by its header. Rows stream straight through: the
 * importer holds one row at a time, and the trace job orders each case by (time, row).
 */
public final class CsvParser implements LogParser {

    @Override
    public ImportReport parse(ImportSource source, ImportOptions options, EventSink sink) {
        ImportCounters counters = new ImportCounters(source, options, LogFormat.CSV);
        EventFactory factory = new EventFactory(options);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(source.open(), StandardCharsets.UTF_8), 1 << 16)) {
            CsvRecordReader records = new CsvRecordReader(in, delimiter(in, options));
            List<String> header = records.next();
            if (header == null) {
                throw new ImportException(source.name(), "empty file: a CSV log needs a header row");
            }
            header.set(0, stripBom(header.get(0)));
            CsvColumns columns = CsvColumns.resolve(header, options, source.name());
            long position = 0;
            List<String> row;
            while ((row = records.next()) != null) {
                int line = records.recordLine();
                if (row.size() != header.size()) {
                    throw new ImportException(source.name(), line, -1,
                            "row has " + row.size() + " fields but the header has " + header.size());
                }
                counters.eventRead();
                readRow(row, line, position++, columns, counters, factory, sink);
            }
        } catch (CsvRecordReader.CsvSyntaxException e) {
            throw new ImportException(source.name(), e.line, -1, "malformed CSV: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.name(), e);
        }
        return counters.finish(null);
    }

    private static void readRow(List<String> row, int line, long position, CsvColumns c, ImportCounters counters,
                                EventFactory factory, EventSink sink) {
        String caseId = row.get(c.caseIndex()).trim();
        String activity = row.get(c.activityIndex()).trim();
        String time = row.get(c.timestampIndex()).trim();
        if (caseId.isEmpty()) {
            counters.invalid(ImportReport.MISSING_CASE_ID, line, -1, "column '" + c.name(c.caseIndex()) + "' is empty");
            return;
        }
        if (activity.isEmpty()) {
            counters.invalid(ImportReport.MISSING_ACTIVITY, line, -1, "column '" + c.name(c.activityIndex()) + "' is empty");
            return;
        }
        if (time.isEmpty()) {
            counters.invalid(ImportReport.MISSING_TIMESTAMP, line, -1, "column '" + c.name(c.timestampIndex()) + "' is empty");
            return;
        }
        long millis;
        try {
            millis = Timestamps.parseMillis(time, true);
        } catch (IllegalArgumentException e) {
            counters.invalid(ImportReport.BAD_TIMESTAMP, line, -1, "column '" + c.name(c.timestampIndex()) + "': " + e.getMessage());
            return;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < row.size(); i++) {
            if (i != c.caseIndex() && i != c.activityIndex() && i != c.timestampIndex() && !row.get(i).isEmpty()) {
                attributes.put(c.name(i), row.get(i));
            }
        }
        sink.accept(factory.create(caseId, activity, millis, position, attributes));
        counters.imported(caseId);
    }

    /** The given delimiter, else ',' unless the header line has none but has ';' or a tab. */
    private static char delimiter(BufferedReader in, ImportOptions options) throws IOException {
        if (options.csvDelimiter() != null) {
            return options.csvDelimiter();
        }
        in.mark(1 << 16);
        char[] head = new char[1 << 15];
        int n = Math.max(0, in.read(head));
        in.reset();
        String first = new String(head, 0, n).lines().findFirst().orElse("");
        if (first.indexOf(',') < 0) {
            if (first.indexOf(';') >= 0) {
                return ';';
            }
            if (first.indexOf('\t') >= 0) {
                return '\t';
            }
        }
        return ',';
    }

    private static String stripBom(String s) {
        return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }
}
