package io.fpi.policies.calendar;

/** Local times of day as minutes since midnight: {@code "09:30"} is 570, {@code "24:00"} is 1440. */
public final class LocalTimes {
    private LocalTimes() {}

    /** Parses {@code H:MM} or {@code HH:MM} (00:00 to 24:00). */
    public static int parse(String text) {
        String t = text.trim();
        int colon = t.indexOf(':');
        if (colon < 1 || colon > 2 || t.length() != colon + 3) {
            throw bad(text);
        }
        try {
            int h = Integer.parseInt(t.substring(0, colon));
            int m = Integer.parseInt(t.substring(colon + 1));
            if (h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0)) {
                throw bad(text);
            }
            return h * 60 + m;
        } catch (NumberFormatException e) {
            throw bad(text);
        }
    }

    /** {@code HH:MM}; minutes past 24:00 wrap ({@code 1800} is {@code 06:00}) unless exactly 24:00. */
    public static String format(int minutes) {
        int m = minutes == 1440 ? minutes : minutes % 1440;
        return String.format("%02d:%02d", m / 60, m % 60);
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("'" + text.trim() + "' is not a time of day; write HH:MM in 24 h local time,"
                + " e.g. 09:00, 15:30 or 24:00");
    }
}
