package io.fpi.policies.config;

import java.util.List;

/**
 * A configuration file that cannot be used. Carries every error found (not just the first), so one
 * round of fixes is usually enough; the message lists them one per line, each as
 * {@code file:line:column: path: what to fix}.
 */
public class ConfigFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final List<Problem> errors;

    public ConfigFileException(String source, List<Problem> errors) {
        super(format(source, errors));
        this.source = source;
        this.errors = List.copyOf(errors);
    }

    public String source() {
        return source;
    }

    public List<Problem> errors() {
        return errors;
    }

    private static String format(String source, List<Problem> errors) {
        StringBuilder sb = new StringBuilder();
        sb.append(errors.size()).append(errors.size() == 1 ? " error in " : " errors in ").append(source).append(':');
        for (Problem p : errors) {
            sb.append("\n  ").append(p);
        }
        return sb.toString();
    }
}
