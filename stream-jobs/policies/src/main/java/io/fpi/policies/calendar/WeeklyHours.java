package io.fpi.policies.calendar;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Opening hours for each day of the week, as windows of local time in minutes from that day's
 * local midnight. A window belongs to the day it opens on and may run past midnight
 * ({@code 22:00-06:00} is [1320, 1800)), so a closed date removes the whole night shift that starts
 * on it. Windows are at most 24 h long and never overlap, also across midnight.
 */
public final class WeeklyHours implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int DAY_MINUTES = 1440;

    /** Open around the clock every day. */
    public static final WeeklyHours ALWAYS = daily(0, DAY_MINUTES);

    /** windows[dayOfWeek - 1] = sorted [open, close) pairs in minutes. */
    private final int[][] windows;

    private WeeklyHours(int[][] windows) {
        this.windows = windows;
    }

    /** The same window every day, in minutes since local midnight (close may exceed 1440). */
    public static WeeklyHours daily(int openMinute, int closeMinute) {
        Map<DayOfWeek, int[]> m = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            m.put(d, new int[] {openMinute, closeMinute});
        }
        return of(m);
    }

    /**
     * Validated hours: each value holds [open, close) minute pairs for windows opening on that day;
     * days missing from the map are closed. Touching windows are merged.
     *
     * @throws IllegalArgumentException naming the day and windows that are wrong
     */
    public static WeeklyHours of(Map<DayOfWeek, int[]> byDay) {
        int[][] w = new int[7][];
        for (DayOfWeek d : DayOfWeek.values()) {
            w[d.ordinal()] = normalise(d, byDay.getOrDefault(d, new int[0]));
        }
        for (DayOfWeek d : DayOfWeek.values()) {
            int[] today = w[d.ordinal()];
            int[] tomorrow = w[d.plus(1).ordinal()];
            int spill = today.length == 0 ? 0 : today[today.length - 1] - DAY_MINUTES;
            if (spill > 0 && tomorrow.length > 0 && tomorrow[0] < spill) {
                throw new IllegalArgumentException("the window of " + name(d) + " running past midnight to "
                        + LocalTimes.format(spill) + " overlaps " + name(d.plus(1)) + "'s window opening at "
                        + LocalTimes.format(tomorrow[0]) + "; shorten one of them");
            }
        }
        return new WeeklyHours(w);
    }

    private static int[] normalise(DayOfWeek d, int[] pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("windows of " + name(d) + " must be open/close pairs");
        }
        int n = pairs.length / 2;
        int[][] ws = new int[n][];
        for (int i = 0; i < n; i++) {
            int open = pairs[2 * i];
            int close = pairs[2 * i + 1];
            if (open < 0 || open >= DAY_MINUTES || close <= open || close - open > DAY_MINUTES) {
                throw new IllegalArgumentException("window " + LocalTimes.format(open) + "-" + LocalTimes.format(close)
                        + " of " + name(d) + " is not a window of at most 24 h opening before midnight");
            }
            ws[i] = new int[] {open, close};
        }
        Arrays.sort(ws, (a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] win : ws) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && win[0] < last[1]) {
                throw new IllegalArgumentException("windows " + span(last) + " and " + span(win) + " of " + name(d)
                        + " overlap; list each opening once");
            }
            if (last != null && win[0] == last[1]) {
                last[1] = win[1];
            } else {
                merged.add(win.clone());
            }
        }
        int[] out = new int[merged.size() * 2];
        for (int i = 0; i < merged.size(); i++) {
            out[2 * i] = merged.get(i)[0];
            out[2 * i + 1] = merged.get(i)[1];
        }
        return out;
    }

    /** The [open, close) minute pairs of windows opening on {@code day}; do not modify. */
    int[] windows(DayOfWeek day) {
        return windows[day.ordinal()];
    }

    public boolean opensOn(DayOfWeek day) {
        return windows[day.ordinal()].length > 0;
    }

    /** True when open 24 h on every day of the week. */
    public boolean isAlways() {
        for (int[] w : windows) {
            if (w.length != 2 || w[0] != 0 || w[1] != DAY_MINUTES) {
                return false;
            }
        }
        return true;
    }

    public boolean opensAtAll() {
        for (int[] w : windows) {
            if (w.length > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Days from a spec: {@code MON}, {@code MON-FRI}, {@code SAT,SUN}, {@code FRI-MON} (wrapping),
     * {@code DAILY}. Full names ({@code monday}) work too.
     */
    public static Set<DayOfWeek> parseDays(String spec) {
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (String part : spec.split(",")) {
            String p = part.trim().toUpperCase(Locale.ROOT);
            if (p.equals("DAILY") || p.equals("ALL") || p.equals("EVERY_DAY")) {
                out.addAll(EnumSet.allOf(DayOfWeek.class));
                continue;
            }
            int dash = p.indexOf('-');
            if (dash < 0) {
                out.add(day(p, spec));
                continue;
            }
            DayOfWeek from = day(p.substring(0, dash).trim(), spec);
            DayOfWeek to = day(p.substring(dash + 1).trim(), spec);
            for (DayOfWeek d = from; ; d = d.plus(1)) {
                out.add(d);
                if (d == to) {
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Windows from a spec: {@code 09:00-21:00}, {@code 08:00-12:00, 13:00-17:00},
     * {@code 22:00-06:00} (past midnight), {@code 00:00-24:00}, or {@code closed}.
     */
    public static int[] parseWindows(String spec) {
        String s = spec.trim();
        if (s.equalsIgnoreCase("closed") || s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(",");
        int[] out = new int[parts.length * 2];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            int dash = p.indexOf('-');
            if (dash < 0) {
                throw new IllegalArgumentException("'" + p + "' is not a window; write open-close in 24 h local time,"
                        + " e.g. 09:00-21:00, 22:00-06:00 (overnight) or closed");
            }
            int open = LocalTimes.parse(p.substring(0, dash));
            int close = LocalTimes.parse(p.substring(dash + 1));
            if (open == DAY_MINUTES) {
                throw new IllegalArgumentException("window '" + p + "' opens at 24:00; open at 00:00 of the next day");
            }
            if (close == open) {
                throw new IllegalArgumentException("window '" + p + "' is empty; for a full day write 00:00-24:00");
            }
            out[2 * i] = open;
            out[2 * i + 1] = close < open ? close + DAY_MINUTES : close;
        }
        return out;
    }

    private static DayOfWeek day(String text, String spec) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(text) || d.name().substring(0, 3).equals(text)) {
                return d;
            }
        }
        throw new IllegalArgumentException("'" + spec + "' is not a day spec; use MON..SUN, ranges like MON-FRI,"
                + " lists like SAT,SUN, or DAILY");
    }

    private static String name(DayOfWeek d) {
        return d.name().substring(0, 3);
    }

    private static String span(int[] w) {
        return LocalTimes.format(w[0]) + "-" + LocalTimes.format(w[1]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeeklyHours h && Arrays.deepEquals(windows, h.windows);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(windows);
    }

    /** {@code DAILY 09:00-21:00}, or per day: {@code MON 09:00-21:00 ... SUN closed}. */
    @Override
    public String toString() {
        boolean same = true;
        for (int[] w : windows) {
            same &= Arrays.equals(w, windows[0]);
        }
        if (same) {
            return "DAILY " + dayText(windows[0]);
        }
        StringBuilder sb = new StringBuilder();
        for (DayOfWeek d : DayOfWeek.values()) {
            sb.append(sb.length() == 0 ? "" : " ").append(name(d)).append(' ').append(dayText(windows[d.ordinal()]));
        }
        return sb.toString();
    }

    private static String dayText(int[] w) {
        if (w.length == 0) {
            return "closed";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < w.length; i += 2) {
            sb.append(i == 0 ? "" : ",").append(span(new int[] {w[i], w[i + 1]}));
        }
        return sb.toString();
    }
}
