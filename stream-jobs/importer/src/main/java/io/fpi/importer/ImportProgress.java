package io.fpi.importer;

/**
 * A progress sample. {@code bytesConsumed} counts bytes read from the file as stored (compressed
 * bytes for a {@code .gz}), so {@code bytesConsumed / totalBytes} is the fraction done within the
 * current pass; the CLI derives events/s and an ETA from it.
 *
 * @param phase  {@code "events"} while events are emitted; {@code "objects"} during the first pass
 *               over an OCEL file whose events precede its objects (that file is read twice)
 * @param totalBytes the file's size, or -1 when unknown
 */
public record ImportProgress(
        String phase, long eventsRead, long eventsImported, long bytesConsumed, long totalBytes) {

    /** Fraction of the current pass done, 0..1, or -1 when the size is unknown. */
    public double fraction() {
        return totalBytes <= 0 ? -1 : Math.min(1.0, (double) bytesConsumed / totalBytes);
    }
}
