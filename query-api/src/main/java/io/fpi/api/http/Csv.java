package io.fpi.api.http;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CSV as RFC 4180 writes it (comma, CRLF, fields with a comma, quote, CR or LF in double quotes, quotes
 * doubled), made safe to open in a spreadsheet: a text cell that starts with {@code = + - @}, a tab or
 * a CR would be read as a formula (OWASP "CSV injection"), so it gets a leading {@code '}. Numbers are
 * written as numbers and never prefixed: a negative count is data, not a formula.
 */
public final class Csv {
    private static final String CRLF = "\r\n";

    private Csv() {}

    public static String write(List<String> header, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder();
        line(out, header);
        for (List<?> row : rows) {
            line(out, row);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append(CRLF);
    }

    /** One field, quoted and defused as needed; null is the empty field. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : "";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return quote(defuse(text(value)));
    }

    private static String text(Object value) {
        if (value instanceof Instant t) {
            return t.toString();
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(v -> v == null ? "" : text(v)).collect(Collectors.joining(" > "));
        }
        if (value instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
        }
        return value.toString();
    }

    static String defuse(String s) {
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return "'" + s;
        }
        return s;
    }

    private static String quote(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return '"' + s.replace("\"", "\"\"") + '"';
            }
        }
        return s;
    }
}
