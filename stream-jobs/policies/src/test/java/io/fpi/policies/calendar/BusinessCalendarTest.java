package io.fpi.policies.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest extends CalendarTestBase {

    @Test
    void a_store_is_open_from_opening_until_just_before_closing() {
        assertThat(STORE.isOpen(ny("2025-01-13T08:59"))).isFalse();
        assertThat(STORE.isOpen(ny("2025-01-13T09:00"))).isTrue();
        assertThat(STORE.isOpen(ny("2025-01-13T21:00") - 1)).isTrue();
        assertThat(STORE.isOpen(ny("2025-01-13T21:00"))).isFalse();
        assertThat(STORE.isOpen(ny("2025-01-14T02:00"))).isFalse();
    }

    @Test
    void a_store_closed_on_sundays_and_holidays_is_never_open_on_them() {
        assertThat(STORE.isOpen(ny("2025-01-19T12:00"))).isFalse(); // Sunday
        assertThat(STORE.isOpen(ny("2025-12-25T12:00"))).isFalse(); // Christmas, a Thursday
        assertThat(STORE.isOpen(ny("2025-12-26T12:00"))).isTrue();
        assertThat(STORE.opensOn(STORE.epochDayOf(ny("2025-12-25T12:00")))).isFalse();
    }

    @Test
    void next_open_is_the_instant_itself_when_open_else_the_next_opening() {
        assertThat(STORE.nextOpen(ny("2025-01-13T12:00"))).isEqualTo(ny("2025-01-13T12:00"));
        assertThat(STORE.nextOpen(ny("2025-01-13T21:00"))).isEqualTo(ny("2025-01-14T09:00"));
        assertThat(STORE.nextOpen(ny("2025-01-18T18:30"))).as("Saturday evening, closed Sunday")
                .isEqualTo(ny("2025-01-20T09:00"));
    }

    @Test
    void open_time_pauses_overnight() {
        assertThat(STORE.addOpenTime(ny("2025-01-13T20:30"), 2 * HOUR)).isEqualTo(ny("2025-01-14T10:30"));
    }

    @Test
    void a_clock_started_in_closed_time_starts_at_the_next_opening() {
        assertThat(STORE.addOpenTime(ny("2025-01-13T06:00"), 2 * HOUR)).isEqualTo(ny("2025-01-13T11:00"));
        assertThat(STORE.addOpenTime(ny("2025-01-19T12:00"), 30 * MINUTE)).as("from Sunday")
                .isEqualTo(ny("2025-01-20T09:30"));
    }

    @Test
    void open_time_that_runs_out_exactly_at_closing_ends_at_closing_not_at_the_next_opening() {
        assertThat(STORE.addOpenTime(ny("2025-01-13T19:00"), 2 * HOUR)).isEqualTo(ny("2025-01-13T21:00"));
        assertThat(STORE.addOpenTime(ny("2025-01-13T21:30"), 0)).isEqualTo(ny("2025-01-14T09:00"));
    }

    @Test
    void open_time_crosses_several_days_and_a_closed_sunday() {
        // Friday 1 h + Saturday 8 h + Sunday closed + Monday 11 h = 20 h
        assertThat(STORE.addOpenTime(ny("2025-01-17T20:00"), 20 * HOUR)).isEqualTo(ny("2025-01-20T20:00"));
    }

    @Test
    void a_holiday_is_skipped_like_a_closed_day() {
        // Wednesday 24 Dec: 1 h, Thursday 25 Dec closed, Friday 26 Dec: 1 h
        assertThat(STORE.addOpenTime(ny("2025-12-24T20:00"), 2 * HOUR)).isEqualTo(ny("2025-12-26T10:00"));
    }

    @Test
    void open_time_between_counts_only_open_hours() {
        assertThat(STORE.openTimeBetween(ny("2025-01-13T20:00"), ny("2025-01-14T10:00"))).isEqualTo(2 * HOUR);
        assertThat(STORE.openTimeBetween(ny("2025-01-17T20:00"), ny("2025-01-20T20:00"))).isEqualTo(20 * HOUR);
        assertThat(STORE.openTimeBetween(ny("2025-01-14T10:00"), ny("2025-01-13T20:00"))).as("reversed").isZero();
    }

    @Test
    void add_open_time_and_open_time_between_agree() {
        long start = ny("2025-01-16T17:45");
        for (long d = 0; d <= 40 * HOUR; d += 37 * MINUTE) {
            long end = STORE.addOpenTime(start, d);
            assertThat(STORE.openTimeBetween(start, end)).as("after %d ms", d).isEqualTo(d);
        }
    }

    @Test
    void an_overnight_window_belongs_to_the_day_it_opens_on() {
        assertThat(NIGHT_SHIFT.isOpen(ny("2025-01-13T03:00"))).as("Sunday night's shift").isTrue();
        assertThat(NIGHT_SHIFT.isOpen(ny("2025-01-13T12:00"))).isFalse();
        // Monday 23:00: 7 h left of Monday night, no shift starts on Tuesday 14th, 1 h of Wednesday night
        assertThat(NIGHT_SHIFT.addOpenTime(ny("2025-01-13T23:00"), 8 * HOUR)).isEqualTo(ny("2025-01-15T23:00"));
        assertThat(NIGHT_SHIFT.isOpen(ny("2025-01-15T03:00"))).as("the cancelled Tuesday night").isFalse();
    }

    @Test
    void an_always_open_calendar_is_a_wall_clock() {
        BusinessCalendar always = BusinessCalendar.alwaysOpen("dc", ZoneOffset.ofHours(-5));
        long t = ny("2025-01-13T20:30");
        assertThat(always.isAlwaysOpen()).isTrue();
        assertThat(always.isOpen(t)).isTrue();
        assertThat(always.addOpenTime(t, 26 * HOUR)).isEqualTo(t + 26 * HOUR);
        assertThat(always.openTimeBetween(t, t + 5 * HOUR)).isEqualTo(5 * HOUR);
    }

    @Test
    void a_calendar_without_any_opening_is_rejected() {
        assertThatThrownBy(() -> BusinessCalendar.of("never", NEW_YORK, hours("MON", "closed"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never opens");
    }

    @Test
    void negative_open_time_is_rejected() {
        assertThatThrownBy(() -> STORE.addOpenTime(ny("2025-01-13T12:00"), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_same_hours_in_another_zone_open_at_that_zones_local_time() {
        BusinessCalendar pacific = DAILY_STORE.withZone(ZoneOffset.ofHours(-8));
        assertThat(pacific.nextOpen(at("2025-01-13T06:00", ZoneOffset.ofHours(-8))))
                .isEqualTo(at("2025-01-13T09:00", ZoneOffset.ofHours(-8)));
        assertThat(pacific.hours()).isEqualTo(DAILY_STORE.hours());
    }
}
