package io.fpi.importer;

import java.io.InputStream;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** StAX plumbing shared by the XES and OCEL XML parsers. */
public final class XmlSupport {
    private static final XMLInputFactory FACTORY = factory();

    private XmlSupport() {
    }

    /** A reader with DTDs and external entities off: an event log never needs them (XXE). */
    public static XMLStreamReader open(ImportSource source, InputStream in) {
        try {
            return FACTORY.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw malformed(source, e, "");
        }
    }

    /** Moves to the root element; fails on an empty document. */
    public static void toRoot(ImportSource source, XMLStreamReader r) throws XMLStreamException {
        while (r.hasNext()) {
            if (r.next() == XMLStreamConstants.START_ELEMENT) {
                return;
            }
        }
        throw new ImportException(source.name(), "no XML root element (empty file?)");
    }

    /**
     * Skips the current element and its content; on return the reader is at its END_ELEMENT.
     * Must be called at a START_ELEMENT.
     */
    public static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** Advances to the next child START_ELEMENT, or returns false at the parent's END_ELEMENT. */
    public static boolean nextChild(XMLStreamReader r) throws XMLStreamException {
        while (true) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (ev == XMLStreamConstants.END_ELEMENT || ev == XMLStreamConstants.END_DOCUMENT) {
                return false;
            }
        }
    }

    public static int line(XMLStreamReader r) {
        return r.getLocation().getLineNumber();
    }

    /**
     * Wraps a parser error: the position comes from the exception, the message loses the JDK's
     * "ParseError at [row,col]" prefix, and {@code context} says what was open
     * (e.g. " (inside <event> opened at line 12)").
     */
    public static ImportException malformed(ImportSource source, XMLStreamException e, String context) {
        Location loc = e.getLocation();
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        int m = msg.indexOf("Message: ");
        if (m >= 0) {
            msg = msg.substring(m + "Message: ".length());
        }
        return new ImportException(source.name(), loc == null ? -1 : loc.getLineNumber(),
                loc == null ? -1 : loc.getColumnNumber(), "malformed XML: " + msg.trim() + context, e);
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }
}
