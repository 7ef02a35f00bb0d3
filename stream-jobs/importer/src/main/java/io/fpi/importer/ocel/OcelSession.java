package io.fpi.importer.ocel;

import io.fpi.importer.EventFactory;
import io.fpi.importer.EventSink;
import io.fpi.importer.ImportCounters;
import io.fpi.importer.ImportOptions;
import io.fpi.importer.ImportReport;
import io.fpi.importer.ImportSource;
import io.fpi.importer.LogFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * One OCEL import, shared by the XML and JSON readers. Flattening needs every object's type before
 * the first event, but the standard puts no order on the top-level sections (its own examples list
 * events before objects). So a reader indexes objects and streams events in one pass when objects
 * come first, and otherwise skips the events, finishes the pass, and reads the file a second time
 * for the events only; the file is never held in memory.
 */
final class OcelSession {

    /** One format's reader of one pass over the file. */
    interface Pass {
        /**
         * @param eventsOnly second pass: skip everything but the events
         * @return true when the events were skipped because objects had not been read yet
         */
        boolean read(InputStream in, OcelSession session, boolean eventsOnly) throws IOException;
    }

    final ImportSource source;
    final ImportOptions options;
    final ImportCounters counters;
    final ObjectIndex index;
    private final EventSink sink;
    private OcelFlattener flattener;
    private String caseType;
    private boolean objectsRead;
    private long nextPosition;

    private OcelSession(ImportSource source, ImportOptions options, EventSink sink, LogFormat format) {
        this.source = source;
        this.options = options;
        this.sink = sink;
        this.counters = new ImportCounters(source, options, format);
        this.index = new ObjectIndex(options.caseObjectType());
    }

    static ImportReport run(ImportSource source, ImportOptions options, EventSink sink, LogFormat format, Pass pass) {
        OcelSession session = new OcelSession(source, options, sink, format);
        try {
            boolean deferred;
            try (InputStream in = source.open()) {
                deferred = pass.read(in, session, false);
            }
            if (deferred) {
                try (InputStream in = source.open()) {
                    session.counters.phase("events");
                    pass.read(in, session, true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.name(), e);
        }
        return session.counters.finish(session.caseType());
    }

    /**
     * The reader finished the object types: check the case notion now, so a missing or unknown
     * --case-object-type fails before a large file is read through.
     */
    void objectTypesRead() {
        if (!index.types().isEmpty()) {
            caseType();
        }
    }

    /** The reader finished the objects section. */
    void objectsRead() {
        objectsRead = true;
    }

    /** Whether events met now can be flattened (else they are deferred to a second pass). */
    boolean canStreamEvents(boolean eventsOnly) {
        if (!eventsOnly && !objectsRead) {
            counters.phase("objects");
            return false;
        }
        return true;
    }

    /** The next event's position in the file. */
    long nextPosition() {
        return nextPosition++;
    }

    void accept(OcelEvent event) {
        if (flattener == null) {
            flattener = new OcelFlattener(index, caseType(), new EventFactory(options), counters, sink);
        }
        flattener.accept(event);
    }

    /** Resolved on first use, so a missing --case-object-type fails before any event is emitted. */
    String caseType() {
        if (caseType == null) {
            caseType = index.resolveCaseType(options.caseObjectType(), source.name());
        }
        return caseType;
    }
}
