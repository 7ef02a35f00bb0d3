package io.fpi.importer.ocel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fpi.importer.EventSink;
import io.fpi.importer.ImportException;
import io.fpi.importer.ImportOptions;
import io.fpi.importer.ImportReport;
import io.fpi.importer.ImportSource;
import io.fpi.importer.LogFormat;
import io.fpi.importer.LogParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OCEL 2.0 JSON (ocel-standard.org, "JSON format"): an object with {@code objectTypes},
 * {@code eventTypes}, {@code objects} and {@code events} arrays in any order. Objects are
 * {@code {id, type, attributes, relationships:[{objectId, qualifier}]}} (attributes not imported);
 * events are {@code {id, type, time, attributes:[{name, value}], relationships:[...]}}. Read with
 * Jackson's streaming parser, one event at a time; attribute values keep their JSON text
 * ({@code 2.5}, {@code true}), objects/arrays as compact JSON.
 */
public final class OcelJsonParser implements LogParser {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    @Override
    public ImportReport parse(ImportSource source, ImportOptions options, EventSink sink) {
        return OcelSession.run(source, options, sink, LogFormat.OCEL2_JSON, OcelJsonParser::read);
    }

    private static boolean read(InputStream in, OcelSession s, boolean eventsOnly) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw error(s, p, "not an OCEL 2.0 JSON log: expected a JSON object at the top");
            }
            boolean deferred = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String section = p.currentName();
                p.nextToken();
                if (section.equals("events") && s.canStreamEvents(eventsOnly)) {
                    readEvents(p, s);
                } else if (section.equals("events")) {
                    deferred = true;
                    p.skipChildren();
                } else if (eventsOnly) {
                    p.skipChildren();
                } else if (section.equals("objectTypes")) {
                    readObjectTypes(p, s);
                    s.objectTypesRead();
                } else if (section.equals("objects")) {
                    readObjects(p, s);
                    s.objectsRead();
                } else {
                    p.skipChildren();
                }
            }
            return deferred;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new ImportException(s.source.name(), loc == null ? -1 : loc.getLineNr(),
                    loc == null ? -1 : loc.getColumnNr(), "malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void readObjectTypes(JsonParser p, OcelSession s) throws IOException {
        expectArray(p, s, "objectTypes");
        while (nextObject(p, s)) {
            String name = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("name")) {
                    name = p.getValueAsString();
                } else {
                    p.skipChildren();
                }
            }
            if (name == null) {
                throw error(s, p, "an entry of objectTypes has no name");
            }
            s.index.declareType(name);
        }
    }

    private static void readObjects(JsonParser p, OcelSession s) throws IOException {
        expectArray(p, s, "objects");
        while (nextObject(p, s)) {
            String id = null;
            String type = null;
            List<Relationship> o2o = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "id" -> id = p.getValueAsString();
                    case "type" -> type = p.getValueAsString();
                    case "relationships" -> readRelationships(p, s, o2o);
                    default -> p.skipChildren();
                }
            }
            if (id == null || type == null) {
                throw error(s, p, "an object has no " + (id == null ? "id" : "type") + (id == null ? "" : " (id '" + id + "')"));
            }
            s.index.addObject(id, type, o2o);
        }
    }

    private static void readEvents(JsonParser p, OcelSession s) throws IOException {
        expectArray(p, s, "events");
        while (nextObject(p, s)) {
            int line = p.currentTokenLocation().getLineNr();
            String id = null;
            String type = null;
            String time = null;
            Map<String, String> attributes = new LinkedHashMap<>();
            List<Relationship> relationships = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "id" -> id = p.getValueAsString();
                    case "type" -> type = p.getValueAsString();
                    case "time" -> time = p.getValueAsString();
                    case "attributes" -> readEventAttributes(p, s, attributes);
                    case "relationships" -> readRelationships(p, s, relationships);
                    default -> p.skipChildren();
                }
            }
            if (id == null) {
                throw new ImportException(s.source.name(), line, -1, "an event has no id");
            }
            s.accept(new OcelEvent(s.nextPosition(), line, id, type, time, attributes, relationships));
        }
    }

    private static void readEventAttributes(JsonParser p, OcelSession s, Map<String, String> into) throws IOException {
        expectArray(p, s, "attributes");
        while (nextObject(p, s)) {
            String name = null;
            String value = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("name")) {
                    name = p.getValueAsString();
                } else if (field.equals("value")) {
                    value = text(p, t);
                } else {
                    p.skipChildren();
                }
            }
            if (name == null) {
                throw error(s, p, "an event attribute has no name");
            }
            if (value != null) {
                into.put(name, value);
            }
        }
    }

    private static void readRelationships(JsonParser p, OcelSession s, List<Relationship> into) throws IOException {
        expectArray(p, s, "relationships");
        while (nextObject(p, s)) {
            String objectId = null;
            String qualifier = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("objectId")) {
                    objectId = p.getValueAsString();
                } else if (field.equals("qualifier")) {
                    qualifier = p.getValueAsString();
                } else {
                    p.skipChildren();
                }
            }
            if (objectId == null) {
                throw error(s, p, "a relationship has no objectId");
            }
            into.add(new Relationship(objectId, qualifier));
        }
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_NULL -> null;
            case START_OBJECT, START_ARRAY -> MAPPER.readTree(p).toString();
            default -> p.getText();
        };
    }

    /** Next element of an array of objects: true at its START_OBJECT, false at the END_ARRAY. */
    private static boolean nextObject(JsonParser p, OcelSession s) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.START_OBJECT) {
            return true;
        }
        if (t == JsonToken.END_ARRAY) {
            return false;
        }
        throw error(s, p, "expected a JSON object in the array, found " + t);
    }

    private static void expectArray(JsonParser p, OcelSession s, String field) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw error(s, p, "'" + field + "' must be an array, found " + p.currentToken());
        }
    }

    private static ImportException error(OcelSession s, JsonParser p, String detail) {
        JsonLocation loc = p.currentTokenLocation();
        return new ImportException(s.source.name(), loc.getLineNr(), loc.getColumnNr(), detail);
    }
}
