package io.fpi.importer;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The event-log formats the importer reads, with the names the CLI's {@code --format} accepts. */
public enum LogFormat {
    XES("xes"),
    OCEL2_XML("ocel2-xml"),
    OCEL2_JSON("ocel2-json"),
    CSV("csv");

    private final String cliName;

    LogFormat(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line, e.g. {@code ocel2-json}. */
    public String cliName() {
        return cliName;
    }

    /**
     * Parses a {@code --format} value (case-insensitive; also accepts the enum name).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static LogFormat fromCliName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (LogFormat f : values()) {
            if (f.cliName.equals(n) || f.name().equalsIgnoreCase(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "'; use one of: " + cliNames());
    }

    /** {@code xes|ocel2-xml|ocel2-json|csv}, for usage and error messages. */
    public static String cliNames() {
        return Arrays.stream(values()).map(LogFormat::cliName).collect(Collectors.joining("|"));
    }
}
