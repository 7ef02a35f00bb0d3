package io.fpi.jobs.imports.source;

import io.fpi.importer.EventLogImporter;
import io.fpi.importer.ImportReport;
import io.fpi.jobs.common.DeadLetter;
import io.fpi.jobs.common.DeadLetterReason;
import io.fpi.jobs.common.Envelope;
import io.fpi.jobs.common.EventDecoder;
import io.fpi.jobs.imports.ImportObserver;
import io.fpi.jobs.imports.ImportObservers;
import io.fpi.jobs.imports.ImportSpec;
import io.fpi.jobs.traces.functions.TraceKeySelector;
import io.fpi.schemas.EventCodec;
import io.fpi.schemas.FulfillmentEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one file and hands its events on in chunks. Each event is checked with the live decoder's
 * rules (required fields, event time within (1970, 2200)), so an imported event the live job would
 * dead-letter is dead-lettered here too, with the same reason, instead of reaching the tables.
 */
final class LogFileParserThread extends Thread {
    static final int CHUNK_EVENTS = 1024;
    static final long PROGRESS_EVERY_EVENTS = 8192;

    /** {@code events} null: end of the file; {@code failure} non-null: the parse failed. */
    record Chunk(List<Envelope> events, Throwable failure) {}

    @FunctionalInterface
    interface Hand {
        void accept(Chunk chunk) throws InterruptedException;
    }

    /** Unwinds the parser when the reader is closed while the parser waits on a full queue. */
    private static final class Stopped extends RuntimeException {
        Stopped(InterruptedException cause) {
            super(cause);
        }
    }

    private final ImportSpec spec;
    private final Hand hand;
    private final EventCodec codec = new EventCodec();
    private List<Envelope> buffer = new ArrayList<>(CHUNK_EVENTS);

    LogFileParserThread(ImportSpec spec, Hand hand) {
        super("fpi-import-parser");
        setDaemon(true);
        this.spec = spec;
        this.hand = hand;
    }

    @Override
    public void run() {
        ImportObserver observer = ImportObservers.get(spec.observerId());
        observer.onParseStarted();
        try {
            ImportReport report = EventLogImporter.importFile(Path.of(spec.file()), spec.format(),
                    spec.options(observer::onProgress, PROGRESS_EVERY_EVENTS), this::add);
            flush();
            observer.onParsed(report);
            put(new Chunk(null, null));
        } catch (Stopped e) {
            // the reader is closing (cancelled or failed job): nobody waits for the rest
        } catch (Throwable t) {
            observer.onParseFailed(t);
            try {
                put(new Chunk(null, t));
            } catch (Stopped ignored) {
                // closing anyway
            }
        }
    }

    private void add(FulfillmentEvent event) {
        buffer.add(checked(event));
        if (buffer.size() >= CHUNK_EVENTS) {
            flush();
        }
    }

    private void flush() {
        if (!buffer.isEmpty()) {
            put(new Chunk(buffer, null));
            buffer = new ArrayList<>(CHUNK_EVENTS);
        }
    }

    private void put(Chunk chunk) {
        try {
            hand.accept(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped(e);
        }
    }

    /** The live decoder's checks (EventDecoder) on an event that never was bytes. */
    private Envelope checked(FulfillmentEvent e) {
        String missing = blank(e.getEventId()) ? "event_id" : blank(e.getDataset()) ? "dataset"
                : blank(e.getOrderId()) ? "order_id" : blank(e.getActivity()) ? "activity" : null;
        if (missing != null) {
            return dead(e, DeadLetterReason.MISSING_FIELD, missing + " is empty");
        }
        long t = e.getEventTime();
        if (t <= 0 || t >= EventDecoder.MAX_EVENT_TIME_MS) {
            return dead(e, DeadLetterReason.BAD_TIMESTAMP, "event_time " + t + " is outside (1970, 2200): case "
                    + e.getOrderId() + ", activity " + e.getActivity() + ", file position " + e.getSequence());
        }
        return Envelope.of(e);
    }

    private Envelope dead(FulfillmentEvent e, DeadLetterReason reason, String detail) {
        byte[] key = TraceKeySelector.of(e.getDataset(), e.getOrderId()).getBytes(StandardCharsets.UTF_8);
        return Envelope.of(new DeadLetter(key, codec.encode(e), reason, detail, spec.file(), -1, -1));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
