package io.fpi.policies.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a YAML document into a {@link YamlNode} tree with locations, using Jackson's streaming YAML
 * parser (which reports SnakeYAML's marks as token locations). Duplicate keys, anchors/aliases and
 * syntax errors become {@link Problem}s with the line they occur on.
 */
public final class YamlTreeReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final Problems problems;
    private YAMLParser parser;

    private YamlTreeReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * The document's root, or null when the text is empty or not YAML (the reason is then in
     * {@code problems}).
     */
    public static YamlNode read(String text, Problems problems) {
        return new YamlTreeReader(problems).readDocument(text);
    }

    private YamlNode readDocument(String text) {
        try (YAMLParser p = (YAMLParser) FACTORY.createParser(text)) {
            parser = p;
            JsonToken first = p.nextToken();
            if (first == null) {
                problems.error(1, 1, "", "the file is empty; it must be a YAML map starting with 'version:'");
                return null;
            }
            return readValue("");
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            problems.error(loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(), "",
                    "not valid YAML: " + e.getOriginalMessage());
            return null;
        } catch (IOException e) {
            problems.error(0, 0, "", "could not read the YAML: " + e.getMessage());
            return null;
        }
    }

    private YamlNode readValue(String path) throws IOException {
        JsonLocation loc = parser.currentTokenLocation();
        int line = loc.getLineNr();
        int col = loc.getColumnNr();
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            return readMap(path, line, col);
        }
        if (token == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(readValue(path + "[" + items.size() + "]"));
            }
            return new YamlNode.ListNode(path, line, col, items);
        }
        if (parser.isCurrentAlias()) {
            problems.error(line, col, path, "YAML aliases (*" + parser.getText()
                    + ") are not supported here; write the value out in full");
        }
        if (token == JsonToken.VALUE_NULL) {
            return new YamlNode.Scalar(path, line, col, null);
        }
        return new YamlNode.Scalar(path, line, col, parser.getText());
    }

    private YamlNode.MapNode readMap(String path, int line, int col) throws IOException {
        YamlNode.MapNode map = new YamlNode.MapNode(path, line, col);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonLocation keyLoc = parser.currentTokenLocation();
            parser.nextToken();
            String childPath = Problems.join(path, key);
            YamlNode value = readValue(childPath);
            if (map.get(key) != null) {
                problems.error(keyLoc.getLineNr(), keyLoc.getColumnNr(), childPath,
                        "duplicate key '" + key + "' (first at line " + map.keyLine(key) + "); keep one of them");
                continue;
            }
            map.put(key, keyLoc.getLineNr(), keyLoc.getColumnNr(), value);
        }
        return map;
    }
}
