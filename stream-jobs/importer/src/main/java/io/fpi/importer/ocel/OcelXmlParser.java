package io.fpi.importer.ocel;

import io.fpi.importer.EventSink;
import io.fpi.importer.ImportException;
import io.fpi.importer.ImportOptions;
import io.fpi.importer.ImportReport;
import io.fpi.importer.ImportSource;
import io.fpi.importer.LogFormat;
import io.fpi.importer.LogParser;
import io.fpi.importer.XmlSupport;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * OCEL 2.0 XML (ocel-standard.org, "XML format"): a {@code <log>} with {@code <object-types>},
 * {@code <event-types>}, {@code <objects>} and {@code <events>} in any order.
 * {@code <object id type>} holds {@code <attributes>} (not imported) and {@code <objects>} of
 * {@code <relationship object-id qualifier>} (o2o); {@code <event id type time>} holds
 * {@code <attributes>} of {@code <attribute name>value</attribute>} and {@code <objects>} of
 * relationships (e2o). Lenient where writers differ: a relationship element of any name with an
 * {@code object-id} (pm4py writes {@code <object>}), and the qualifier in {@code qualifier} or
 * {@code relationship} (the standard's web example).
 */
public final class OcelXmlParser implements LogParser {

    @Override
    public ImportReport parse(ImportSource source, ImportOptions options, EventSink sink) {
        return OcelSession.run(source, options, sink, LogFormat.OCEL2_XML, OcelXmlParser::read);
    }

    private static boolean read(InputStream in, OcelSession s, boolean eventsOnly) {
        XMLStreamReader r = XmlSupport.open(s.source, in);
        String[] context = {""};
        try {
            XmlSupport.toRoot(s.source, r);
            String root = r.getLocalName();
            if (!root.equals("log") && !root.equals("ocel")) {
                throw new ImportException(s.source.name(), XmlSupport.line(r), -1,
                        "not an OCEL 2.0 XML log: the root element is <" + root + ">, expected <log>");
            }
            boolean deferred = false;
            while (XmlSupport.nextChild(r)) {
                String section = r.getLocalName();
                if (section.equals("events") && s.canStreamEvents(eventsOnly)) {
                    readEvents(r, s, context);
                } else if (section.equals("events")) {
                    deferred = true;
                    XmlSupport.skip(r);
                } else if (eventsOnly) {
                    XmlSupport.skip(r);
                } else if (section.equals("object-types")) {
                    readObjectTypes(r, s);
                    s.objectTypesRead();
                } else if (section.equals("objects")) {
                    readObjects(r, s, context);
                    s.objectsRead();
                } else {
                    XmlSupport.skip(r);
                }
            }
            r.close();
            return deferred;
        } catch (XMLStreamException e) {
            throw XmlSupport.malformed(s.source, e, context[0]);
        }
    }

    private static void readObjectTypes(XMLStreamReader r, OcelSession s) throws XMLStreamException {
        while (XmlSupport.nextChild(r)) {
            if (r.getLocalName().equals("object-type")) {
                s.index.declareType(required(r, s, "name"));
            }
            XmlSupport.skip(r);
        }
    }

    private static void readObjects(XMLStreamReader r, OcelSession s, String[] context) throws XMLStreamException {
        while (XmlSupport.nextChild(r)) {
            if (!r.getLocalName().equals("object")) {
                XmlSupport.skip(r);
                continue;
            }
            int line = XmlSupport.line(r);
            String id = required(r, s, "id");
            String type = required(r, s, "type");
            context[0] = " (inside <object id='" + id + "'> opened at line " + line + ")";
            List<Relationship> o2o = new ArrayList<>();
            while (XmlSupport.nextChild(r)) {
                if (r.getLocalName().equals("objects")) {
                    readRelationships(r, s, o2o);
                } else {
                    XmlSupport.skip(r);
                }
            }
            s.index.addObject(id, type, o2o);
        }
        context[0] = "";
    }

    private static void readEvents(XMLStreamReader r, OcelSession s, String[] context) throws XMLStreamException {
        while (XmlSupport.nextChild(r)) {
            if (!r.getLocalName().equals("event")) {
                XmlSupport.skip(r);
                continue;
            }
            int line = XmlSupport.line(r);
            String id = required(r, s, "id");
            String type = r.getAttributeValue(null, "type");
            String time = r.getAttributeValue(null, "time");
            context[0] = " (inside <event id='" + id + "'> opened at line " + line + ")";
            Map<String, String> attributes = new LinkedHashMap<>();
            List<Relationship> relationships = new ArrayList<>();
            while (XmlSupport.nextChild(r)) {
                String name = r.getLocalName();
                if (name.equals("attributes")) {
                    readEventAttributes(r, s, attributes);
                } else if (name.equals("objects")) {
                    readRelationships(r, s, relationships);
                } else {
                    XmlSupport.skip(r);
                }
            }
            s.accept(new OcelEvent(s.nextPosition(), line, id, type, time, attributes, relationships));
        }
        context[0] = "";
    }

    private static void readEventAttributes(XMLStreamReader r, OcelSession s, Map<String, String> into)
            throws XMLStreamException {
        while (XmlSupport.nextChild(r)) {
            if (r.getLocalName().equals("attribute")) {
                String name = required(r, s, "name");
                into.put(name, r.getElementText().trim());
            } else {
                XmlSupport.skip(r);
            }
        }
    }

    private static void readRelationships(XMLStreamReader r, OcelSession s, List<Relationship> into)
            throws XMLStreamException {
        while (XmlSupport.nextChild(r)) {
            String objectId = required(r, s, "object-id");
            String qualifier = r.getAttributeValue(null, "qualifier");
            if (qualifier == null) {
                qualifier = r.getAttributeValue(null, "relationship");
            }
            into.add(new Relationship(objectId, qualifier));
            XmlSupport.skip(r);
        }
    }

    private static String required(XMLStreamReader r, OcelSession s, String attribute) {
        String v = r.getAttributeValue(null, attribute);
        if (v == null || v.isBlank()) {
            throw new ImportException(s.source.name(), XmlSupport.line(r), -1,
                    "<" + r.getLocalName() + "> has no " + attribute + " attribute");
        }
        return v;
    }
}
