package io.fpi.policies.calendar;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;

/**
 * When a node is open, in epoch milliseconds: weekly opening hours in the node's time zone minus
 * closed dates. A business clock counts only open time, so "ready within 2 h" for an order placed
 * at 20:30 at a store closing at 21:00 means 10:30 the next morning.
 *
 * <p>Local times become instants through {@link java.time.zone.ZoneRules}, once per local day: a
 * small direct-mapped cache keeps each day's midnight and window instants, so the per-event calls
 * ({@link #addOpenTime}, {@link #isOpen}, ...) do long arithmetic only. DST: a day is as long as
 * the zone says (23 h or 25 h); a window edge that falls into a spring-forward gap moves later by
 * the gap, one in a fall-back overlap takes the earlier offset (java.time's rules). Immutable and
 * thread-safe; the cache is a benign race of immutable entries and is not serialized.
 */
public final class BusinessCalendar implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long DAY_MS = 86_400_000L;
    private static final int CACHE_DAYS = 64;
    /** No calendar is closed for three years in a row; scanning further means a broken calendar. */
    private static final int MAX_SCAN_DAYS = 3 * 366;

    private final String name;
    private final ZoneId zone;
    private final WeeklyHours hours;
    private final long[] closedDays;
    private final boolean alwaysOpen;
    private final boolean fixedOffset;
    private final long offsetMs;
    private transient Day[] cache;

    private BusinessCalendar(String name, ZoneId zone, WeeklyHours hours, long[] closedDays) {
        if (!hours.opensAtAll()) {
            throw new IllegalArgumentException("calendar '" + name + "' never opens; give it opening hours");
        }
        this.name = name;
        this.zone = zone;
        this.hours = hours;
        this.closedDays = closedDays;
        this.alwaysOpen = hours.isAlways() && closedDays.length == 0;
        this.fixedOffset = zone.getRules().isFixedOffset();
        this.offsetMs = zone.getRules().getOffset(java.time.Instant.EPOCH).getTotalSeconds() * 1000L;
    }

    /** Open around the clock (a wall clock); the zone still matters for carrier cut-offs. */
    public static BusinessCalendar alwaysOpen(String name, ZoneId zone) {
        return new BusinessCalendar(name, zone, WeeklyHours.ALWAYS, new long[0]);
    }

    public static BusinessCalendar of(String name, ZoneId zone, WeeklyHours hours, Collection<LocalDate> closedDates) {
        long[] closed = closedDates.stream().mapToLong(LocalDate::toEpochDay).distinct().sorted().toArray();
        return new BusinessCalendar(name, zone, hours, closed);
    }

    /** The same hours and closed dates in another zone (a template applied to a region's nodes). */
    public BusinessCalendar withZone(ZoneId other) {
        return other.equals(zone) ? this : new BusinessCalendar(name, other, hours, closedDays);
    }

    public String name() {
        return name;
    }

    public ZoneId zone() {
        return zone;
    }

    public WeeklyHours hours() {
        return hours;
    }

    /** True when every instant is open time (no hours limits, no closed dates). */
    public boolean isAlwaysOpen() {
        return alwaysOpen;
    }

    public boolean isOpen(long t) {
        if (alwaysOpen) {
            return true;
        }
        Day today = dayOf(t);
        return inWindow(day(today.epochDay - 1).windows, t) || inWindow(today.windows, t);
    }

    /** t if open at t, else the next opening instant. */
    public long nextOpen(long t) {
        return addOpenTime(t, 0);
    }

    /**
     * The instant at which {@code durationMs} of open time has elapsed since {@code startMs}; a
     * start in closed time starts the clock at the next opening. A duration that ends exactly at a
     * closing time returns that closing instant (not the next opening).
     */
    public long addOpenTime(long startMs, long durationMs) {
        if (durationMs < 0) {
            throw new IllegalArgumentException("negative open time " + durationMs + " ms");
        }
        if (alwaysOpen) {
            return startMs + durationMs;
        }
        long remaining = durationMs;
        long cur = startMs;
        long first = dayOf(startMs).epochDay - 1;
        for (long d = first; d <= first + MAX_SCAN_DAYS; d++) {
            long[] w = day(d).windows;
            for (int i = 0; i < w.length; i += 2) {
                long close = w[i + 1];
                if (close <= cur) {
                    continue;
                }
                long from = Math.max(w[i], cur);
                if (remaining <= close - from) {
                    return from + remaining;
                }
                remaining -= close - from;
                cur = close;
            }
        }
        throw neverOpens(startMs);
    }

    /** Open time in [a, b), in ms; 0 when b <= a. */
    public long openTimeBetween(long a, long b) {
        if (b <= a) {
            return 0;
        }
        if (alwaysOpen) {
            return b - a;
        }
        long total = 0;
        long last = dayOf(b).epochDay;
        for (long d = dayOf(a).epochDay - 1; d <= last; d++) {
            long[] w = day(d).windows;
            for (int i = 0; i < w.length; i += 2) {
                long from = Math.max(w[i], a);
                long to = Math.min(w[i + 1], b);
                if (to > from) {
                    total += to - from;
                }
            }
        }
        return total;
    }

    /** The local date (as epoch day) of instant t in this calendar's zone. */
    public long epochDayOf(long t) {
        return dayOf(t).epochDay;
    }

    /** The instant of local time {@code minuteOfDay} (0..2880, past 1440 is the next day) on a local date. */
    public long instantOf(long epochDay, int minuteOfDay) {
        if (fixedOffset) {
            return epochDay * DAY_MS - offsetMs + minuteOfDay * 60_000L;
        }
        long day = epochDay + minuteOfDay / WeeklyHours.DAY_MINUTES;
        int m = minuteOfDay % WeeklyHours.DAY_MINUTES;
        LocalDate date = LocalDate.ofEpochDay(day);
        if (m == 0) {
            return date.atStartOfDay(zone).toInstant().toEpochMilli();
        }
        return LocalDateTime.of(date, LocalTime.of(m / 60, m % 60)).atZone(zone).toInstant().toEpochMilli();
    }

    /** True when some window opens on this local date (it is not closed and has hours that weekday). */
    public boolean opensOn(long epochDay) {
        return !isClosedDate(epochDay) && hours.opensOn(dayOfWeek(epochDay));
    }

    public boolean isClosedDate(long epochDay) {
        return Arrays.binarySearch(closedDays, epochDay) >= 0;
    }

    static DayOfWeek dayOfWeek(long epochDay) {
        // 1970-01-01 was a Thursday.
        return DayOfWeek.of((int) Math.floorMod(epochDay + 3, 7) + 1);
    }

    private static boolean inWindow(long[] w, long t) {
        for (int i = 0; i < w.length; i += 2) {
            if (t >= w[i] && t < w[i + 1]) {
                return true;
            }
        }
        return false;
    }

    private Day dayOf(long t) {
        Day day = day(Math.floorDiv(t + offsetMs, DAY_MS));
        while (t < day.start) {
            day = day(day.epochDay - 1);
        }
        while (t >= day.end) {
            day = day(day.epochDay + 1);
        }
        return day;
    }

    private Day day(long epochDay) {
        Day[] c = cache;
        if (c == null) {
            c = new Day[CACHE_DAYS];
            cache = c;
        }
        int slot = (int) (epochDay & (CACHE_DAYS - 1));
        Day d = c[slot];
        if (d == null || d.epochDay != epochDay) {
            d = compute(epochDay);
            c[slot] = d;
        }
        return d;
    }

    private Day compute(long epochDay) {
        long start = instantOf(epochDay, 0);
        long end = instantOf(epochDay + 1, 0);
        int[] w = isClosedDate(epochDay) ? new int[0] : hours.windows(dayOfWeek(epochDay));
        long[] out = new long[w.length];
        int n = 0;
        for (int i = 0; i < w.length; i += 2) {
            long open = instantOf(epochDay, w[i]);
            long close = instantOf(epochDay, w[i + 1]);
            if (close > open) { // a window inside a DST gap vanishes
                out[n++] = open;
                out[n++] = close;
            }
        }
        return new Day(epochDay, start, end, n == out.length ? out : Arrays.copyOf(out, n));
    }

    private IllegalStateException neverOpens(long t) {
        return new IllegalStateException("calendar '" + name + "' has no open time within " + MAX_SCAN_DAYS
                + " days after " + java.time.Instant.ofEpochMilli(t));
    }

    @Override
    public String toString() {
        return name + " (" + zone + (alwaysOpen ? ", 24x7" : ", " + hours) + (closedDays.length > 0
                ? ", " + closedDays.length + " closed dates" : "") + ")";
    }

    /** One local day: its midnight instants and the instants of the windows opening on it. */
    private static final class Day {
        final long epochDay;
        final long start;
        final long end;
        final long[] windows;

        Day(long epochDay, long start, long end, long[] windows) {
            this.epochDay = epochDay;
            this.start = start;
            this.end = end;
            this.windows = windows;
        }
    }
}
