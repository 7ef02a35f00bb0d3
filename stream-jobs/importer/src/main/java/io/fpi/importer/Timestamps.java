package io.fpi.importer;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Event-log timestamps to epoch milliseconds UTC.
 *
 * <p>Accepted: ISO-8601 date-times with {@code T} or a space between date and time, optional
 * seconds, an optional fraction (truncated to milliseconds), and an optional zone: {@code Z},
 * {@code +01:00}, {@code +0100}, {@code +01}, or a region in brackets
 * ({@code 2020-03-29T02:30:00+01:00[Europe/Paris]}); a bare date means midnight. Without a zone
 * the time is taken as UTC (as pm4py does for naive timestamps). With {@code allowEpochMillis},
 * an all-digit value is epoch milliseconds (CSV only: XES and OCEL require ISO-8601).
 *
 * <p>The common shapes go through a hand-written parser because {@code DateTimeFormatter} costs
 * several microseconds per call, a noticeable share of an import's CPU; anything else falls back
 * to java.time.
 */
public final class Timestamps {
    private static final long NOT_FAST = Long.MIN_VALUE;
    private static final DateTimeFormatter SPACE_OFFSET =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS][ ]XXX");

    private Timestamps() {
    }

    /** @throws IllegalArgumentException with a message quoting the value and the expected forms */
    public static long parseMillis(String value) {
        return parseMillis(value, false);
    }

    /** @throws IllegalArgumentException with a message quoting the value and the expected forms */
    public static long parseMillis(String value, boolean allowEpochMillis) {
        if (value == null) {
            throw new IllegalArgumentException("missing timestamp");
        }
        String s = value.trim();
        if (allowEpochMillis && isInteger(s)) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw invalid(value);
            }
        }
        long fast = fast(s);
        return fast != NOT_FAST ? fast : slow(s, value);
    }

    private static long fast(String s) {
        int n = s.length();
        if (n < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return NOT_FAST;
        }
        int y = digits(s, 0, 4);
        int mo = digits(s, 5, 2);
        int d = digits(s, 8, 2);
        if (y < 0 || mo < 1 || mo > 12 || d < 1) {
            return NOT_FAST;
        }
        int h = 0;
        int mi = 0;
        int sec = 0;
        int millis = 0;
        int p = 10;
        if (n > 10) {
            char t = s.charAt(10);
            if ((t != 'T' && t != 't' && t != ' ') || n < 16 || s.charAt(13) != ':') {
                return NOT_FAST;
            }
            h = digits(s, 11, 2);
            mi = digits(s, 14, 2);
            p = 16;
            if (p < n && s.charAt(p) == ':') {
                sec = digits(s, 17, 2);
                p = 19;
            }
            if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 || p > n) {
                return NOT_FAST;
            }
            if (p < n && (s.charAt(p) == '.' || s.charAt(p) == ',')) {
                int start = ++p;
                while (p < n && Character.isDigit(s.charAt(p))) {
                    if (p - start < 3) {
                        millis = millis * 10 + (s.charAt(p) - '0');
                    }
                    p++;
                }
                int len = p - start;
                if (len == 0 || len > 9) {
                    return NOT_FAST;
                }
                for (int k = len; k < 3; k++) {
                    millis *= 10;
                }
            }
        }
        int offsetSeconds = zone(s, p);
        if (offsetSeconds == Integer.MIN_VALUE) {
            return NOT_FAST;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(y, mo, d).toEpochDay();
        } catch (DateTimeException e) {
            return NOT_FAST;
        }
        long seconds = epochDay * 86_400L + h * 3600L + mi * 60L + sec - offsetSeconds;
        return seconds * 1000L + millis;
    }

    /** The zone from {@code p} to the end in seconds east of UTC: none, Z or ±offset; MIN_VALUE if not. */
    private static int zone(String s, int p) {
        if (p == s.length()) {
            return 0;
        }
        char z = s.charAt(p);
        if (z == 'Z' || z == 'z') {
            return p + 1 == s.length() ? 0 : Integer.MIN_VALUE;
        }
        if (z != '+' && z != '-') {
            return Integer.MIN_VALUE;
        }
        int seconds = offset(s, p + 1);
        return seconds == Integer.MIN_VALUE || z == '+' ? seconds : -seconds;
    }

    /** Parses {@code HH}, {@code HHMM} or {@code HH:MM} running to the end; MIN_VALUE if not. */
    private static int offset(String s, int p) {
        int rest = s.length() - p;
        int hh = digits(s, p, 2);
        int mm;
        if (rest == 2) {
            mm = 0;
        } else if (rest == 4) {
            mm = digits(s, p + 2, 2);
        } else if (rest == 5 && s.charAt(p + 2) == ':') {
            mm = digits(s, p + 3, 2);
        } else {
            return Integer.MIN_VALUE;
        }
        if (hh < 0 || hh > 18 || mm < 0 || mm > 59) {
            return Integer.MIN_VALUE;
        }
        return hh * 3600 + mm * 60;
    }

    private static int digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static long slow(String s, String original) {
        try {
            return ZonedDateTime.parse(s, DateTimeFormatter.ISO_ZONED_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // try the next shape
        }
        try {
            return OffsetDateTime.parse(s, SPACE_OFFSET).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // try the next shape
        }
        try {
            return LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException ignored) {
            throw invalid(original);
        }
    }

    private static boolean isInteger(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        if (s.length() == start || s.length() > 19 + start) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException invalid(String value) {
        return new IllegalArgumentException("'" + value + "' is not a timestamp (expected ISO-8601, e.g."
                + " 2010-12-30T14:32:00.000+01:00, 2010-12-30T13:32:00Z or 2010-12-30 13:32:00)");
    }
}
