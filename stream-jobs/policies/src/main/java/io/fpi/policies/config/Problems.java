package io.fpi.policies.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects errors and warnings while a file is read, so the loader can report all of them at once
 * instead of stopping at the first. The same problem reported twice (a base rule checked once per
 * override it combines with) is kept once.
 */
public final class Problems {
    private final String source;
    private final Set<Problem> errors = new LinkedHashSet<>();
    private final Set<Problem> warnings = new LinkedHashSet<>();

    public Problems(String source) {
        this.source = source;
    }

    public String source() {
        return source;
    }

    public void error(YamlNode at, String message) {
        errors.add(at(at, message));
    }

    /** An error on a map key itself (an unknown or duplicate key), located at the key. */
    public void keyError(YamlNode.MapNode map, String key, String message) {
        errors.add(new Problem(source, map.keyLine(key), map.keyColumn(key), join(map.path(), key), message));
    }

    public void error(int line, int column, String path, String message) {
        errors.add(new Problem(source, line, column, path, message));
    }

    public void warn(YamlNode at, String message) {
        warnings.add(at(at, message));
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public int errorCount() {
        return errors.size();
    }

    public List<Problem> errors() {
        return List.copyOf(errors);
    }

    public List<Problem> warnings() {
        return List.copyOf(warnings);
    }

    /** Throws a {@link ConfigFileException} listing every error, if there is any. */
    public void throwIfErrors() {
        if (!errors.isEmpty()) {
            throw new ConfigFileException(source, List.copyOf(errors));
        }
    }

    private Problem at(YamlNode node, String message) {
        return node == null
                ? new Problem(source, 0, 0, "", message)
                : new Problem(source, node.line(), node.column(), node.path(), message);
    }

    /** {@code parent.key}, quoting keys that would make the path ambiguous. */
    public static String join(String parent, String key) {
        String k = key.isEmpty() || key.contains(".") || key.contains(" ") || key.contains("[") ? '"' + key + '"' : key;
        return parent == null || parent.isEmpty() ? k : parent + "." + k;
    }
}
