package io.fpi.importer.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records: fields separated by a delimiter; a field in double quotes may contain the
 * delimiter, line breaks and doubled quotes ({@code ""}); records end at LF, CRLF or CR. Lenient
 * where files commonly are: a quote inside an unquoted field is kept literally, blank lines are
 * skipped, and the last record needs no line break.
 */
final class CsvRecordReader {
    private static final int EOF = -1;

    private final Reader in;
    private final char delimiter;
    private final char[] buf = new char[1 << 16];
    private final StringBuilder field = new StringBuilder();
    private int pos;
    private int len;
    private int line = 1;
    private int recordLine;

    CsvRecordReader(Reader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    /** The 1-based line on which the record last returned by {@link #next()} starts. */
    int recordLine() {
        return recordLine;
    }

    /**
     * @return the next record's fields, or null at the end of input
     * @throws CsvSyntaxException for a quoted field that is never closed or is followed by text
     */
    List<String> next() throws IOException {
        int c = peek();
        while (c == '\n' || c == '\r') { // blank lines
            consumeLineBreak(read());
            c = peek();
        }
        if (c == EOF) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>();
        while (true) {
            c = peek();
            fields.add(c == '"' ? quoted() : unquoted());
            c = read();
            if (c == delimiter) {
                continue;
            }
            consumeLineBreak(c);
            return fields;
        }
    }

    private String unquoted() throws IOException {
        field.setLength(0);
        int c = peek();
        while (c != EOF && c != delimiter && c != '\n' && c != '\r') {
            field.append((char) read());
            c = peek();
        }
        return field.toString();
    }

    private String quoted() throws IOException {
        int startLine = line;
        read(); // opening quote
        field.setLength(0);
        while (true) {
            int c = read();
            if (c == EOF) {
                throw new CsvSyntaxException(startLine, "a quoted field opened on this line is never closed");
            }
            if (c == '"') {
                if (peek() == '"') {
                    read();
                    field.append('"');
                    continue;
                }
                int next = peek();
                if (next != EOF && next != delimiter && next != '\n' && next != '\r') {
                    throw new CsvSyntaxException(line, "unexpected '" + (char) next
                            + "' after a closing quote (a quote inside a quoted field must be doubled)");
                }
                return field.toString();
            }
            if (c == '\n' || (c == '\r' && peek() != '\n')) {
                line++;
            }
            field.append((char) c);
        }
    }

    private void consumeLineBreak(int c) throws IOException {
        if (c == '\r' && peek() == '\n') {
            read();
        }
        if (c == '\n' || c == '\r') {
            line++;
        }
    }

    private int peek() throws IOException {
        if (pos == len && !fill()) {
            return EOF;
        }
        return buf[pos];
    }

    private int read() throws IOException {
        if (pos == len && !fill()) {
            return EOF;
        }
        return buf[pos++];
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        len = n;
        return true;
    }

    /** A structural error at a line. */
    static final class CsvSyntaxException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int line;

        CsvSyntaxException(int line, String message) {
            super(message);
            this.line = line;
        }
    }
}
