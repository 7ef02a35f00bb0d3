package io.fpi.policies.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Typed, validating access to one YAML map: unknown keys are reported (with a "did you mean"), and
 * every getter reports a wrong or missing value at its location and returns null, so reading goes
 * on and collects all problems of the file in one pass.
 */
public final class ConfigMap {
    private final YamlNode.MapNode map;
    private final Problems problems;

    private ConfigMap(YamlNode.MapNode map, Problems problems) {
        this.map = map;
        this.problems = problems;
    }

    /**
     * Wraps {@code node} if it is a map, reporting keys outside {@code allowed}; reports and returns
     * null otherwise. {@code what} names the thing for messages ("a milestone").
     */
    public static ConfigMap of(YamlNode node, Problems problems, String what, Set<String> allowed) {
        if (!(node instanceof YamlNode.MapNode m)) {
            problems.error(node, "expected " + what + " (a map of keys: " + String.join(", ", sorted(allowed))
                    + ") but found " + (node == null ? "nothing" : node.kind()));
            return null;
        }
        for (String key : m.entries().keySet()) {
            if (!allowed.contains(key)) {
                String close = Suggestions.closest(key, allowed);
                problems.keyError(m, key, "unknown key '" + key + "' in " + what
                        + (close != null ? "; did you mean '" + close + "'?" : "")
                        + " (allowed: " + String.join(", ", sorted(allowed)) + ")");
            }
        }
        return new ConfigMap(m, problems);
    }

    public YamlNode.MapNode node() {
        return map;
    }

    public boolean has(String key) {
        YamlNode v = map.get(key);
        return v != null && !(v instanceof YamlNode.Scalar s && s.isNull());
    }

    public YamlNode get(String key) {
        return map.get(key);
    }

    /** The text of a scalar; reports a missing required key or a non-scalar value. */
    public String string(String key, boolean required) {
        YamlNode v = map.get(key);
        if (v == null || (v instanceof YamlNode.Scalar s && s.isNull())) {
            if (required) {
                problems.error(map, "missing required key '" + key + "'");
            }
            return null;
        }
        if (!(v instanceof YamlNode.Scalar s)) {
            problems.error(v, "expected a single value but found " + v.kind());
            return null;
        }
        return s.text().trim();
    }

    /** A duration in ms ({@link Durations}), or null when absent or wrong (reported). */
    public Long duration(String key, boolean required) {
        String text = string(key, required);
        if (text == null) {
            return null;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            problems.error(map.get(key), e.getMessage());
            return null;
        }
    }

    public Boolean bool(String key) {
        String text = string(key, false);
        if (text == null) {
            return null;
        }
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on": return Boolean.TRUE;
            case "false": case "no": case "off": return Boolean.FALSE;
            default:
                problems.error(map.get(key), "'" + text + "' is not true or false");
                return null;
        }
    }

    /** A number in (0, 1), e.g. a share of a window. */
    public Double share(String key) {
        String text = string(key, false);
        if (text == null) {
            return null;
        }
        try {
            String t = text.endsWith("%") ? text.substring(0, text.length() - 1).trim() : text;
            double v = Double.parseDouble(t) / (text.endsWith("%") ? 100.0 : 1.0);
            if (v >= 0 && v < 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.error(map.get(key), "'" + text + "' is not a share; write a number from 0 (off) up to but"
                + " excluding 1, e.g. 0.8 or 80%");
        return null;
    }

    /** A constant of {@code type} by case-insensitive name; reports unknown names with the choices. */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type, boolean required) {
        String text = string(key, required);
        if (text == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        problems.error(map.get(key), "'" + text + "' is not one of: " + String.join(", ", names));
        return null;
    }

    /** A scalar or a list of scalars as a list of trimmed strings; empty when absent. */
    public List<String> strings(String key, boolean required) {
        YamlNode v = map.get(key);
        if (v == null || (v instanceof YamlNode.Scalar s && s.isNull())) {
            if (required) {
                problems.error(map, "missing required key '" + key + "'");
            }
            return List.of();
        }
        if (v instanceof YamlNode.Scalar s) {
            return List.of(s.text().trim());
        }
        if (v instanceof YamlNode.ListNode l) {
            List<String> out = new ArrayList<>();
            for (YamlNode item : l.items()) {
                if (item instanceof YamlNode.Scalar s && !s.isNull()) {
                    out.add(s.text().trim());
                } else {
                    problems.error(item, "expected a single value but found " + item.kind());
                }
            }
            return out;
        }
        problems.error(v, "expected a value or a list of values but found " + v.kind());
        return List.of();
    }

    /** The items of a list (a missing key is an empty list). */
    public List<YamlNode> list(String key, boolean required) {
        YamlNode v = map.get(key);
        if (v == null || (v instanceof YamlNode.Scalar s && s.isNull())) {
            if (required) {
                problems.error(map, "missing required key '" + key + "' (a list)");
            }
            return List.of();
        }
        if (v instanceof YamlNode.ListNode l) {
            return l.items();
        }
        problems.error(v, "expected a list (items starting with '- ') but found " + v.kind());
        return List.of();
    }

    /** A nested map (null when absent; reported when not a map). */
    public YamlNode.MapNode map(String key, boolean required) {
        YamlNode v = map.get(key);
        if (v == null || (v instanceof YamlNode.Scalar s && s.isNull())) {
            if (required) {
                problems.error(map, "missing required key '" + key + "' (a map)");
            }
            return null;
        }
        if (v instanceof YamlNode.MapNode m) {
            return m;
        }
        problems.error(v, "expected a map (key: value lines) but found " + v.kind());
        return null;
    }

    private static List<String> sorted(Set<String> keys) {
        List<String> list = new ArrayList<>(keys);
        Collections.sort(list);
        return list;
    }
}
