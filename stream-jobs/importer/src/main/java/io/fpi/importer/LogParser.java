package io.fpi.importer;

/** One format's parser. Implementations are stateless: one instance may parse many files. */
public interface LogParser {

    /**
     * Streams the events of {@code source} into {@code sink}.
     *
     * @return what was read, imported and rejected
     * @throws ImportException for malformed input (naming the line/column or element), or for an
     *         invalid event when {@link ImportOptions#onInvalidEvent()} is FAIL
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    ImportReport parse(ImportSource source, ImportOptions options, EventSink sink);
}
