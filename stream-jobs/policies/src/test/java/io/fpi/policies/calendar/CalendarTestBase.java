package io.fpi.policies.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Calendars and local instants for calendar tests, in America/New_York unless a test says otherwise. */
abstract class CalendarTestBase {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;

    /** Weekdays 09:00-21:00, Saturday 10:00-18:00, closed on Sundays and on Christmas Day 2025. */
    static final BusinessCalendar STORE = BusinessCalendar.of("store", NEW_YORK, hours(
            "MON-FRI", "09:00-21:00",
            "SAT", "10:00-18:00"), List.of(LocalDate.parse("2025-12-25")));

    /** Every day 09:00-21:00 (the demo stores). */
    static final BusinessCalendar DAILY_STORE = BusinessCalendar.of("daily", NEW_YORK,
            hours("DAILY", "09:00-21:00"), List.of());

    /** A night shift 22:00-06:00 every day; no shift starts on 2025-01-14. */
    static final BusinessCalendar NIGHT_SHIFT = BusinessCalendar.of("night", NEW_YORK,
            hours("DAILY", "22:00-06:00"), List.of(LocalDate.parse("2025-01-14")));

    /** Local time in New York as epoch ms, e.g. {@code ny("2025-01-13T20:30")} (a Monday). */
    static long ny(String localDateTime) {
        return at(localDateTime, NEW_YORK);
    }

    static long at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant().toEpochMilli();
    }

    /** Hours from pairs of (day spec, windows spec), as written in a policy file. */
    static WeeklyHours hours(String... specs) {
        Map<DayOfWeek, int[]> m = new EnumMap<>(DayOfWeek.class);
        for (int i = 0; i < specs.length; i += 2) {
            int[] windows = WeeklyHours.parseWindows(specs[i + 1]);
            for (DayOfWeek d : WeeklyHours.parseDays(specs[i])) {
                m.put(d, windows);
            }
        }
        return WeeklyHours.of(m);
    }
}
