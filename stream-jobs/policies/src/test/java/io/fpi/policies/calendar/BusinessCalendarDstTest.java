package io.fpi.policies.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** America/New_York: clocks go forward on 2025-03-09 at 02:00 and back on 2025-11-02 at 02:00. */
class BusinessCalendarDstTest extends CalendarTestBase {
    /** Open around the clock, but with a closed date so the per-day path (not the wall-clock shortcut) runs. */
    private static final BusinessCalendar ROUND_THE_CLOCK = BusinessCalendar.of("24h", NEW_YORK,
            hours("DAILY", "00:00-24:00"), List.of(LocalDate.parse("2030-01-01")));

    @Test
    void the_spring_forward_day_has_23_open_hours_and_the_fall_back_day_25() {
        assertThat(ROUND_THE_CLOCK.openTimeBetween(ny("2025-03-09T00:00"), ny("2025-03-10T00:00"))).isEqualTo(23 * HOUR);
        assertThat(ROUND_THE_CLOCK.openTimeBetween(ny("2025-11-02T00:00"), ny("2025-11-03T00:00"))).isEqualTo(25 * HOUR);
        assertThat(ROUND_THE_CLOCK.addOpenTime(ny("2025-03-09T00:00"), 23 * HOUR)).isEqualTo(ny("2025-03-10T00:00"));
    }

    @Test
    void store_hours_stay_at_local_time_on_both_sides_of_the_change() {
        assertThat(DAILY_STORE.nextOpen(ny("2025-03-08T22:00"))).isEqualTo(ny("2025-03-09T09:00"));
        assertThat(ny("2025-03-09T09:00") - ny("2025-03-08T09:00")).as("the day in between is 23 h").isEqualTo(23 * HOUR);
        assertThat(DAILY_STORE.openTimeBetween(ny("2025-03-09T00:00"), ny("2025-03-10T00:00"))).isEqualTo(12 * HOUR);
        // Saturday 20:00 EST + 3 h: 1 h on Saturday, then 09:00 EDT + 2 h on Sunday
        assertThat(DAILY_STORE.addOpenTime(ny("2025-03-08T20:00"), 3 * HOUR)).isEqualTo(ny("2025-03-09T11:00"));
        assertThat(DAILY_STORE.addOpenTime(ny("2025-11-01T20:00"), 3 * HOUR)).isEqualTo(ny("2025-11-02T11:00"));
    }

    @Test
    void a_night_shift_across_the_change_is_one_hour_shorter_or_longer() {
        BusinessCalendar night = BusinessCalendar.of("night", NEW_YORK, hours("DAILY", "22:00-06:00"), List.of());
        assertThat(night.openTimeBetween(ny("2025-03-08T22:00"), ny("2025-03-09T06:00"))).isEqualTo(7 * HOUR);
        assertThat(night.openTimeBetween(ny("2025-11-01T22:00"), ny("2025-11-02T06:00"))).isEqualTo(9 * HOUR);
        assertThat(night.addOpenTime(ny("2025-03-08T22:00"), 7 * HOUR)).isEqualTo(ny("2025-03-09T06:00"));
    }

    @Test
    void an_opening_inside_the_skipped_hour_moves_later_by_the_gap() {
        BusinessCalendar early = BusinessCalendar.of("early", NEW_YORK, hours("SUN", "02:30-05:00"), List.of());
        long opening = early.nextOpen(ny("2025-03-09T00:00"));
        assertThat(opening).isEqualTo(ny("2025-03-09T03:30"));
        assertThat(early.openTimeBetween(ny("2025-03-09T00:00"), ny("2025-03-09T12:00"))).isEqualTo(90 * MINUTE);
    }

    @Test
    void local_dates_and_instants_follow_the_zone_rules() {
        long sundayNoon = ny("2025-03-09T12:00");
        assertThat(DAILY_STORE.epochDayOf(sundayNoon)).isEqualTo(LocalDate.parse("2025-03-09").toEpochDay());
        assertThat(DAILY_STORE.epochDayOf(ny("2025-03-09T00:00") - 1)).isEqualTo(LocalDate.parse("2025-03-08").toEpochDay());
        assertThat(DAILY_STORE.instantOf(LocalDate.parse("2025-03-09").toEpochDay(), 12 * 60)).isEqualTo(sundayNoon);
        assertThat(DAILY_STORE.instantOf(LocalDate.parse("2025-11-01").toEpochDay(), 24 * 60 + 12 * 60))
                .as("minute 2160 is noon of the next day").isEqualTo(ny("2025-11-02T12:00"));
    }
}
