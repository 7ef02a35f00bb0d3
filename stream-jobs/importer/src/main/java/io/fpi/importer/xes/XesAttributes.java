package io.fpi.importer.xes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fpi.importer.XmlSupport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads XES attribute elements into a flat string map.
 *
 * <ul>
 *   <li>{@code string, date, int, float, boolean, id}: {@code key -> value} as written in the file
 *       (dates keep their offset; nothing is re-formatted);
 *   <li>nested (meta-)attributes of such an element: {@code parent/child -> value}, recursively;
 *   <li>{@code list} and {@code container}: {@code key -> JSON array} of
 *       {@code {"key":k,"value":v}} in file order, where {@code v} is a string, or an array again
 *       for a nested list/container, plus {@code "attributes":{...}} when a child has nested
 *       attributes. Lists are ordered and may repeat keys, so a map would lose information.
 * </ul>
 */
final class XesAttributes {
    static final Set<String> TYPES = Set.of("string", "date", "int", "float", "boolean", "id", "list", "container");
    private static final ObjectMapper JSON = new ObjectMapper();

    private XesAttributes() {
    }

    static boolean isAttribute(String localName) {
        return TYPES.contains(localName);
    }

    /**
     * Reads the attribute element the reader is at (a START_ELEMENT of one of {@link #TYPES}) into
     * {@code out}; on return the reader is at its END_ELEMENT.
     *
     * @param prefix the parent's key for a nested attribute, else null
     * @return false when the element has no {@code key} (the caller reports it)
     */
    static boolean read(XMLStreamReader r, String prefix, Map<String, String> out) throws XMLStreamException {
        String type = r.getLocalName();
        String key = r.getAttributeValue(null, "key");
        if (key == null) {
            XmlSupport.skip(r);
            return false;
        }
        String fullKey = prefix == null ? key : prefix + "/" + key;
        if (type.equals("list") || type.equals("container")) {
            out.put(fullKey, readCollection(r).toString());
            return true;
        }
        String value = r.getAttributeValue(null, "value");
        out.put(fullKey, value == null ? "" : value);
        while (XmlSupport.nextChild(r)) {
            if (isAttribute(r.getLocalName())) {
                read(r, fullKey, out);
            } else {
                XmlSupport.skip(r);
            }
        }
        return true;
    }

    /** Children of a list/container; XES 2.0 wraps a list's items in {@code <values>}. */
    private static ArrayNode readCollection(XMLStreamReader r) throws XMLStreamException {
        ArrayNode items = JSON.createArrayNode();
        while (XmlSupport.nextChild(r)) {
            String name = r.getLocalName();
            if (name.equals("values")) {
                items.addAll(readCollection(r));
            } else if (isAttribute(name)) {
                items.add(readItem(r));
            } else {
                XmlSupport.skip(r);
            }
        }
        return items;
    }

    private static JsonNode readItem(XMLStreamReader r) throws XMLStreamException {
        ObjectNode item = JSON.createObjectNode();
        String type = r.getLocalName();
        item.put("key", r.getAttributeValue(null, "key"));
        if (type.equals("list") || type.equals("container")) {
            item.set("value", readCollection(r));
            return item;
        }
        item.put("value", r.getAttributeValue(null, "value"));
        ObjectNode nested = null;
        while (XmlSupport.nextChild(r)) {
            if (isAttribute(r.getLocalName())) {
                Map<String, String> meta = new LinkedHashMap<>();
                read(r, null, meta);
                if (nested == null) {
                    nested = item.putObject("attributes");
                }
                meta.forEach(nested::put);
            } else {
                XmlSupport.skip(r);
            }
        }
        return item;
    }
}
