package io.fpi.runtime.clickhouse;

import java.util.regex.Pattern;

/**
 * The one audited place where values become SQL text. ClickHouse 18.16 has no server-side query
 * parameters, so every value a caller did not write itself goes through {@link #string},
 * {@link #number} or a whitelisted {@link #identifier}; nothing else may build SQL from input.
 *
 * <p>String escaping follows ClickHouse's quoted-string grammar: a backslash escapes the next
 * character, so every backslash and single quote is escaped, and control characters are written
 * as escapes so that no byte of the value can end the literal or the statement.
 */
public final class SqlLiterals {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private SqlLiterals() {}

    public static String string(String value) {
        if (value == null) {
            return "NULL";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\0' -> out.append("\\0");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('\'').toString();
    }

    public static String number(long value) {
        return Long.toString(value);
    }

    public static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        return Double.toString(value);
    }

    public static boolean isIdentifier(String name) {
        return name != null && IDENTIFIER.matcher(name).matches();
    }

    /** Only for names picked from a whitelist in code; rejects anything that is not a plain identifier. */
    public static String identifier(String name) {
        if (!isIdentifier(name)) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + name);
        }
        return name;
    }
}
