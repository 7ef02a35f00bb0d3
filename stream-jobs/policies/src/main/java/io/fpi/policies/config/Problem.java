package io.fpi.policies.config;

/**
 * One thing wrong (or suspicious) in a configuration file, located well enough that a person can
 * fix it without reading our code: the file, the line and column, the path of keys leading to the
 * value, and what to change.
 *
 * @param source the file name as given to the loader (e.g. {@code infra/sla/policies.yaml})
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param path the keys and list indices leading to the value, e.g. {@code policies[2].milestones[0].within}
 * @param message what is wrong and what to do about it
 */
public record Problem(String source, int line, int column, String path, String message) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line).append(':').append(column);
        }
        sb.append(": ");
        if (path != null && !path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return sb.append(message).toString();
    }
}
