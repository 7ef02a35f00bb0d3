package io.fpi.importer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Picks a format for a file the user gave no {@code --format} for. A trailing {@code .gz} is
 * ignored; then the unambiguous extensions decide ({@code .xes}, {@code .xmlocel},
 * {@code .jsonocel}, {@code .csv}); anything else ({@code .xml}, {@code .json}, none) is decided
 * by the first 64 KiB of (decompressed) content:
 * <ul>
 *   <li>JSON with OCEL 2.0 top-level keys ({@code objectTypes}, {@code eventTypes},
 *       {@code objects}, {@code events}): OCEL 2.0 JSON;
 *   <li>XML: root {@code <ocel>}, or {@code <log>} with an {@code events}, {@code objects},
 *       {@code object-types} or {@code event-types} child: OCEL 2.0 XML; {@code <log>} with
 *       {@code trace}, {@code extension}, {@code global}, {@code classifier} or attribute
 *       children: XES;
 *   <li>a first line with a comma, semicolon or tab: CSV.
 * </ul>
 */
public final class FormatDetector {
    private static final int HEAD = 1 << 16;
    private static final Set<String> OCEL_SECTIONS = Set.of("events", "objects", "object-types", "event-types");
    private static final Set<String> XES_CHILDREN = Set.of("trace", "extension", "global", "classifier",
            "string", "date", "int", "float", "boolean", "id", "list", "container");
    private static final XMLInputFactory XML = xmlFactory();

    private FormatDetector() {
    }

    /** @throws ImportException when the content matches no supported format */
    public static LogFormat detect(ImportSource source) {
        LogFormat byName = byExtension(source.name());
        return byName != null ? byName : sniff(source);
    }

    /** The format implied by the file name alone, or null when the name does not settle it. */
    public static LogFormat byExtension(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        if (n.endsWith(".xes")) {
            return LogFormat.XES;
        }
        if (n.endsWith(".xmlocel")) {
            return LogFormat.OCEL2_XML;
        }
        if (n.endsWith(".jsonocel")) {
            return LogFormat.OCEL2_JSON;
        }
        if (n.endsWith(".csv")) {
            return LogFormat.CSV;
        }
        return null;
    }

    private static LogFormat sniff(ImportSource source) {
        byte[] head = head(source);
        String text = new String(head, StandardCharsets.UTF_8).replace("\uFEFF", "").stripLeading();
        if (text.startsWith("{")) {
            if (text.contains("\"objectTypes\"") || text.contains("\"eventTypes\"")
                    || text.contains("\"objects\"") || text.contains("\"events\"")) {
                return LogFormat.OCEL2_JSON;
            }
            throw unknown(source, "JSON without OCEL 2.0 keys (objectTypes, eventTypes, objects, events)"
                    + (text.contains("\"ocel:") ? "; OCEL 1.0 is not supported, export the log as OCEL 2.0" : ""));
        }
        if (text.startsWith("<")) {
            return sniffXml(source, head);
        }
        String firstLine = text.lines().findFirst().orElse("");
        if (firstLine.contains(",") || firstLine.contains(";") || firstLine.contains("\t")) {
            return LogFormat.CSV;
        }
        throw unknown(source, "neither XML, JSON nor CSV");
    }

    private static LogFormat sniffXml(ImportSource source, byte[] head) {
        String root = null;
        try {
            XMLStreamReader r = XML.createXMLStreamReader(new ByteArrayInputStream(head));
            int depth = 0;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (ev == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = r.getLocalName();
                    if (depth == 1) {
                        root = name;
                        if (name.equals("ocel")) {
                            return LogFormat.OCEL2_XML;
                        }
                        if (!name.equals("log")) {
                            break;
                        }
                    } else if (depth == 2 && OCEL_SECTIONS.contains(name)) {
                        return LogFormat.OCEL2_XML;
                    } else if (depth == 2 && XES_CHILDREN.contains(name)) {
                        return LogFormat.XES;
                    }
                }
            }
        } catch (XMLStreamException e) {
            // the head ends mid-document or the XML is broken; decide on what was seen
        }
        throw unknown(source, root == null ? "XML without a root element" : "XML with root <" + root
                + "> and no XES or OCEL 2.0 children in its first " + HEAD / 1024 + " KiB");
    }

    private static byte[] head(ImportSource source) {
        try (InputStream in = source.open()) {
            return in.readNBytes(HEAD);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.name(), e);
        }
    }

    private static ImportException unknown(ImportSource source, String what) {
        return new ImportException(source.name(), "cannot tell the log format (" + what + "); pass --format "
                + LogFormat.cliNames());
    }

    private static XMLInputFactory xmlFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f;
    }
}
