package io.fpi.importer;

/**
 * Malformed or unusable input. The message is meant for a person and names the file, the line
 * (and column where known) and the element, field or column at fault, e.g.
 * {@code running-example.xes: line 40, column 7: <event> has no time:timestamp}.
 * The CLI prints it and exits non-zero.
 */
public class ImportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String sourceName;
    private final int line;
    private final int column;
    private final String detail;

    /**
     * @param line   1-based, or -1 when the problem has no position (e.g. a missing option)
     * @param column 1-based, or -1 when unknown
     */
    public ImportException(String sourceName, int line, int column, String detail, Throwable cause) {
        super(format(sourceName, line, column, detail), cause);
        this.sourceName = sourceName;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    public ImportException(String sourceName, int line, int column, String detail) {
        this(sourceName, line, column, detail, null);
    }

    /** A problem of the whole file or of the options, not of one position. */
    public ImportException(String sourceName, String detail) {
        this(sourceName, -1, -1, detail, null);
    }

    public String sourceName() {
        return sourceName;
    }

    /** 1-based line, or -1. */
    public int line() {
        return line;
    }

    /** 1-based column, or -1. */
    public int column() {
        return column;
    }

    /** The message without the file and position prefix. */
    public String detail() {
        return detail;
    }

    static String position(int line, int column) {
        if (line < 0) {
            return "";
        }
        return column < 0 ? "line " + line : "line " + line + ", column " + column;
    }

    private static String format(String sourceName, int line, int column, String detail) {
        String pos = position(line, column);
        StringBuilder sb = new StringBuilder();
        if (sourceName != null) {
            sb.append(sourceName).append(": ");
        }
        if (!pos.isEmpty()) {
            sb.append(pos).append(": ");
        }
        return sb.append(detail).toString();
    }
}
