package io.fpi.policies.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it came from (line, column, key path). Jackson's own tree
 * ({@code JsonNode}) drops locations, and a config error without a line number sends people
 * hunting; so the loader reads into this small tree instead and binds it by hand.
 *
 * <p>Scalars keep their raw text: {@code 09:00}, {@code on} or {@code 2024-12-25} stay strings
 * instead of becoming YAML 1.1 sexagesimal numbers, booleans or dates, and each field decides how
 * to read its own value.
 */
public abstract sealed class YamlNode permits YamlNode.MapNode, YamlNode.ListNode, YamlNode.Scalar {
    private final String path;
    private final int line;
    private final int column;

    YamlNode(String path, int line, int column) {
        this.path = path;
        this.line = line;
        this.column = column;
    }

    /** Keys and indices from the document root, e.g. {@code policies[0].match.channel}. */
    public String path() {
        return path;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** What this is, for messages: "a map", "a list", "a value". */
    public abstract String kind();

    /** A mapping. Keys keep their file order; each key keeps its own location. */
    public static final class MapNode extends YamlNode {
        private final Map<String, YamlNode> values = new LinkedHashMap<>();
        private final Map<String, int[]> keyLocations = new LinkedHashMap<>();

        MapNode(String path, int line, int column) {
            super(path, line, column);
        }

        void put(String key, int line, int column, YamlNode value) {
            values.put(key, value);
            keyLocations.put(key, new int[] {line, column});
        }

        public Map<String, YamlNode> entries() {
            return Collections.unmodifiableMap(values);
        }

        public YamlNode get(String key) {
            return values.get(key);
        }

        public int keyLine(String key) {
            int[] loc = keyLocations.get(key);
            return loc == null ? line() : loc[0];
        }

        public int keyColumn(String key) {
            int[] loc = keyLocations.get(key);
            return loc == null ? column() : loc[1];
        }

        @Override
        public String kind() {
            return "a map";
        }
    }

    /** A sequence. */
    public static final class ListNode extends YamlNode {
        private final List<YamlNode> items;

        ListNode(String path, int line, int column, List<YamlNode> items) {
            super(path, line, column);
            this.items = List.copyOf(items);
        }

        public List<YamlNode> items() {
            return items;
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A single value; {@link #text()} is null for YAML null ({@code ~}, {@code null}, empty). */
    public static final class Scalar extends YamlNode {
        private final String text;

        Scalar(String path, int line, int column, String text) {
            super(path, line, column);
            this.text = text;
        }

        public String text() {
            return text;
        }

        public boolean isNull() {
            return text == null;
        }

        @Override
        public String kind() {
            return text == null ? "empty (null)" : "a value";
        }
    }
}
