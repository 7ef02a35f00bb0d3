package io.fpi.policies.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Durations as people write them in config: {@code 2h}, {@code 90m}, {@code 1h30m}, {@code 1d},
 * {@code 45s}, {@code 500ms}, {@code 0}, a leading {@code -} for offsets before a promise, or ISO-8601
 * ({@code PT2H}, {@code P1D}). A day is 24 hours of elapsed time (not a calendar day).
 */
public final class Durations {
    public static final String HINT = "write a number with a unit, e.g. 2h, 90m, 1h30m, 1d, 45s, 500ms or 0"
            + " (ISO-8601 like PT2H also works)";

    private Durations() {}

    /** Milliseconds; throws IllegalArgumentException with a hint when the text is not a duration. */
    public static long parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("missing duration; " + HINT);
        }
        String s = text.trim();
        boolean negative = s.startsWith("-");
        String body = negative || s.startsWith("+") ? s.substring(1).trim() : s;
        if (body.startsWith("P") || body.startsWith("p")) {
            try {
                long ms = Duration.parse(body.toUpperCase()).toMillis();
                return negative ? -ms : ms;
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration; " + HINT);
            }
        }
        long ms = parseUnits(body, text);
        return negative ? -ms : ms;
    }

    private static long parseUnits(String body, String original) {
        if (body.equals("0")) {
            return 0;
        }
        long total = 0;
        int i = 0;
        int n = body.length();
        if (n == 0) {
            throw bad(original);
        }
        while (i < n) {
            int start = i;
            while (i < n && Character.isDigit(body.charAt(i))) {
                i++;
            }
            if (i == start || i - start > 12) {
                throw bad(original);
            }
            long value = Long.parseLong(body.substring(start, i));
            int unitStart = i;
            while (i < n && Character.isLetter(body.charAt(i))) {
                i++;
            }
            long unit = unitMs(body.substring(unitStart, i).toLowerCase(), original);
            total = Math.addExact(total, Math.multiplyExact(value, unit));
        }
        return total;
    }

    private static long unitMs(String unit, String original) {
        switch (unit) {
            case "d": return 86_400_000L;
            case "h": return 3_600_000L;
            case "m": case "min": return 60_000L;
            case "s": return 1_000L;
            case "ms": return 1L;
            default: throw bad(original);
        }
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration; " + HINT);
    }

    /** The shortest readable form: {@code 1d2h}, {@code 1h30m}, {@code -30m}, {@code 0}. */
    public static String format(long ms) {
        if (ms == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder(ms < 0 ? "-" : "");
        long rest = Math.abs(ms);
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] names = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (rest >= units[i]) {
                sb.append(rest / units[i]).append(names[i]);
                rest %= units[i];
            }
        }
        return sb.toString();
    }
}
