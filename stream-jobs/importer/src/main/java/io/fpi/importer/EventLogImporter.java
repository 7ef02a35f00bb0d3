package io.fpi.importer;

import io.fpi.importer.csv.CsvParser;
import io.fpi.importer.ocel.OcelJsonParser;
import io.fpi.importer.ocel.OcelXmlParser;
import io.fpi.importer.xes.XesParser;
import java.nio.file.Files;
import java.nio.file.Path;

/** The entry point for {@code bin/fpi import}: picks the parser and streams a file into a sink. */
public final class EventLogImporter {

    private EventLogImporter() {
    }

    public static LogParser parserFor(LogFormat format) {
        return switch (format) {
            case XES -> new XesParser();
            case OCEL2_XML -> new OcelXmlParser();
            case OCEL2_JSON -> new OcelJsonParser();
            case CSV -> new CsvParser();
        };
    }

    /**
     * Parses {@code file} (plain or gzip) into {@code sink}.
     *
     * @param format the {@code --format} given, or null to detect it ({@link FormatDetector})
     * @throws ImportException for an unknown format, malformed content or (under FAIL) an invalid
     *         event; {@link java.io.UncheckedIOException} when the file cannot be read
     */
    public static ImportReport importFile(Path file, LogFormat format, ImportOptions options, EventSink sink) {
        if (!Files.isRegularFile(file)) {
            throw new ImportException(file.toString(), "no such file");
        }
        return importSource(ImportSource.of(file), format, options, sink);
    }

    /** As {@link #importFile} for any source. */
    public static ImportReport importSource(ImportSource source, LogFormat format, ImportOptions options,
                                            EventSink sink) {
        LogFormat f = format != null ? format : FormatDetector.detect(source);
        return parserFor(f).parse(source, options, sink);
    }
}
