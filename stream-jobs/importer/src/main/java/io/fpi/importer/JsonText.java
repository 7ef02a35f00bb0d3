package io.fpi.importer;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.List;
import java.util.Map;

/**
 * Compact JSON for attribute values built per event (OCEL relationship arrays). Hand-assembled
 * with Jackson's string escaper because going through ObjectMapper for three small arrays per
 * event cost more than parsing the event.
 */
public final class JsonText {
    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private JsonText() {
    }

    /** {@code ["a","b",null]}. */
    public static String array(List<String> values) {
        StringBuilder sb = new StringBuilder(16 * values.size() + 2).append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            string(sb, values.get(i));
        }
        return sb.append(']').toString();
    }

    /** {@code [{"k":"v",...},...]}, keys in map order. */
    public static String objects(List<Map<String, String>> rows) {
        StringBuilder sb = new StringBuilder(64 * rows.size() + 2).append('[');
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, String> e : rows.get(i).entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(sb, e.getKey());
                sb.append(':');
                string(sb, e.getValue());
            }
            sb.append('}');
        }
        return sb.append(']').toString();
    }

    private static void string(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        ENCODER.quoteAsString(s, sb);
        sb.append('"');
    }
}
