package io.fpi.importer.xes;

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
import io.fpi.importer.XmlSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streaming XES (IEEE 1849) reader on StAX.
 *
 * <p>Semantics, as pm4py and ProM read a log: each {@code <trace>} is a case named by its
 * {@code concept:name}; each {@code <event>}'s activity is its {@code concept:name} and its time
 * its {@code time:timestamp}. A trace's events are emitted sorted by time, ties in file order.
 * Every other event attribute is kept ({@code lifecycle:transition}, {@code org:resource}, ...);
 * trace attributes are copied onto each of its events as {@code case:<key>} (pm4py's naming).
 * Log-level attributes, {@code <extension>}, {@code <global>} and {@code <classifier>} are
 * skipped: globals are defaults for a schema, not data.
 *
 * <p>Memory: one trace at a time (its events are buffered to be sorted), so a log of millions of
 * events in many traces runs in flat memory; one enormous trace is held whole.
 */
public final class XesParser implements LogParser {

    @Override
    public ImportReport parse(ImportSource source, ImportOptions options, EventSink sink) {
        ImportCounters counters = new ImportCounters(source, options, LogFormat.XES);
        try (InputStream in = source.open()) {
            new Run(source, options, sink, counters).read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.name(), e);
        }
        return counters.finish(null);
    }

    /** One event of the trace being read, waiting for the trace to end. */
    private record Pending(long position, int line, String activity, long time, Map<String, String> attributes) {
    }

    private static final Comparator<Pending> BY_TIME = Comparator.comparingLong(Pending::time);

    /** The state of one parse. */
    private static final class Run {
        private final ImportSource source;
        private final EventSink sink;
        private final ImportCounters counters;
        private final EventFactory events;
        private XMLStreamReader r;
        private long nextPosition;
        private int traceLine = -1;
        private int eventLine = -1;

        Run(ImportSource source, ImportOptions options, EventSink sink, ImportCounters counters) {
            this.source = source;
            this.sink = sink;
            this.counters = counters;
            this.events = new EventFactory(options);
        }

        void read(InputStream in) {
            r = XmlSupport.open(source, in);
            try {
                XmlSupport.toRoot(source, r);
                if (!r.getLocalName().equals("log")) {
                    throw new ImportException(source.name(), XmlSupport.line(r), -1,
                            "not an XES log: the root element is <" + r.getLocalName() + ">, expected <log>");
                }
                while (XmlSupport.nextChild(r)) {
                    switch (r.getLocalName()) {
                        case "trace" -> readTrace();
                        case "event" -> eventOutsideTrace();
                        default -> XmlSupport.skip(r);
                    }
                }
                r.close();
            } catch (XMLStreamException e) {
                throw XmlSupport.malformed(source, e, context());
            }
        }

        private void readTrace() throws XMLStreamException {
            traceLine = XmlSupport.line(r);
            Map<String, String> traceAttributes = new LinkedHashMap<>();
            List<Pending> pending = new ArrayList<>();
            while (XmlSupport.nextChild(r)) {
                String name = r.getLocalName();
                if (name.equals("event")) {
                    Pending p = readEvent();
                    if (p != null) {
                        pending.add(p);
                    }
                } else if (XesAttributes.isAttribute(name)) {
                    readAttribute(traceAttributes, "<trace>");
                } else {
                    XmlSupport.skip(r);
                }
            }
            String caseId = traceAttributes.remove("concept:name");
            if (caseId == null || caseId.isBlank()) {
                for (Pending p : pending) {
                    counters.invalid(ImportReport.MISSING_CASE_ID, traceLine, -1,
                            "<trace> has no concept:name (its case id); its event at line " + p.line() + " is not imported");
                }
            } else {
                emit(caseId, traceAttributes, pending);
            }
            traceLine = -1;
        }

        private void emit(String caseId, Map<String, String> traceAttributes, List<Pending> pending) {
            pending.sort(BY_TIME); // List.sort is stable: equal times keep file order
            for (Pending p : pending) {
                Map<String, String> attributes = p.attributes();
                traceAttributes.forEach((k, v) -> attributes.putIfAbsent("case:" + k, v));
                sink.accept(events.create(caseId, p.activity(), p.time(), p.position(), attributes));
                counters.imported(caseId);
            }
        }

        /** Reads one event; null when it is rejected. */
        private Pending readEvent() throws XMLStreamException {
            eventLine = XmlSupport.line(r);
            long position = nextPosition++;
            counters.eventRead();
            Map<String, String> attributes = new LinkedHashMap<>();
            while (XmlSupport.nextChild(r)) {
                if (XesAttributes.isAttribute(r.getLocalName())) {
                    readAttribute(attributes, "<event>");
                } else {
                    XmlSupport.skip(r);
                }
            }
            int line = eventLine;
            eventLine = -1;
            String activity = attributes.remove("concept:name");
            String time = attributes.remove("time:timestamp");
            if (activity == null || activity.isBlank()) {
                counters.invalid(ImportReport.MISSING_ACTIVITY, line, -1, "<event> has no concept:name (its activity)");
                return null;
            }
            if (time == null) {
                counters.invalid(ImportReport.MISSING_TIMESTAMP, line, -1, "<event> '" + activity + "' has no time:timestamp");
                return null;
            }
            try {
                return new Pending(position, line, activity, Timestamps.parseMillis(time), attributes);
            } catch (IllegalArgumentException e) {
                counters.invalid(ImportReport.BAD_TIMESTAMP, line, -1,
                        "<event> '" + activity + "' time:timestamp " + e.getMessage());
                return null;
            }
        }

        private void readAttribute(Map<String, String> into, String owner) throws XMLStreamException {
            int line = XmlSupport.line(r);
            String element = r.getLocalName();
            if (!XesAttributes.read(r, null, into)) {
                throw new ImportException(source.name(), line, -1,
                        "<" + element + "> in " + owner + " has no key attribute");
            }
        }

        private void eventOutsideTrace() throws XMLStreamException {
            int line = XmlSupport.line(r);
            nextPosition++;
            counters.eventRead();
            XmlSupport.skip(r);
            counters.invalid(ImportReport.EVENT_OUTSIDE_TRACE, line, -1, "<event> outside any <trace> has no case");
        }

        private String context() {
            if (eventLine > 0) {
                return " (inside <event> opened at line " + eventLine + ", in <trace> opened at line " + traceLine + ")";
            }
            return traceLine > 0 ? " (inside <trace> opened at line " + traceLine + ")" : "";
        }
    }
}
