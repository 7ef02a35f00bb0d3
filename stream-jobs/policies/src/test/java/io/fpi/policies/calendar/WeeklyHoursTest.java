package io.fpi.policies.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import org.junit.jupiter.api.Test;

class WeeklyHoursTest extends CalendarTestBase {

    @Test
    void day_specs_accept_single_days_ranges_lists_wrapping_ranges_and_daily() {
        assertThat(WeeklyHours.parseDays("MON")).containsExactly(DayOfWeek.MONDAY);
        assertThat(WeeklyHours.parseDays("mon-fri")).hasSize(5).doesNotContain(DayOfWeek.SATURDAY);
        assertThat(WeeklyHours.parseDays("SAT,SUN")).containsExactly(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(WeeklyHours.parseDays("FRI-MON")).containsExactlyInAnyOrder(
                DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY);
        assertThat(WeeklyHours.parseDays("DAILY")).hasSize(7);
        assertThat(WeeklyHours.parseDays("Tuesday")).containsExactly(DayOfWeek.TUESDAY);
    }

    @Test
    void window_specs_accept_split_days_overnight_full_days_and_closed() {
        assertThat(WeeklyHours.parseWindows("09:00-21:00")).containsExactly(540, 1260);
        assertThat(WeeklyHours.parseWindows("08:00-12:00, 13:00-17:00")).containsExactly(480, 720, 780, 1020);
        assertThat(WeeklyHours.parseWindows("22:00-06:00")).containsExactly(1320, 1800);
        assertThat(WeeklyHours.parseWindows("00:00-24:00")).containsExactly(0, 1440);
        assertThat(WeeklyHours.parseWindows("closed")).isEmpty();
    }

    @Test
    void bad_specs_say_what_to_write() {
        assertThatThrownBy(() -> WeeklyHours.parseDays("MONDAYS")).hasMessageContaining("MON-FRI");
        assertThatThrownBy(() -> WeeklyHours.parseWindows("9-21")).hasMessageContaining("HH:MM");
        assertThatThrownBy(() -> WeeklyHours.parseWindows("09:00")).hasMessageContaining("open-close");
        assertThatThrownBy(() -> WeeklyHours.parseWindows("10:00-10:00")).hasMessageContaining("00:00-24:00");
        assertThatThrownBy(() -> WeeklyHours.parseWindows("25:00-26:00")).hasMessageContaining("not a time of day");
    }

    @Test
    void overlapping_windows_are_rejected_also_across_midnight() {
        assertThatThrownBy(() -> hours("MON", "09:00-13:00, 12:00-17:00")).hasMessageContaining("overlap");
        assertThatThrownBy(() -> hours("MON", "20:00-04:00", "TUE", "03:00-10:00"))
                .hasMessageContaining("past midnight");
    }

    @Test
    void touching_windows_merge_and_a_full_week_is_always_open() {
        WeeklyHours h = hours("DAILY", "00:00-12:00, 12:00-24:00");
        assertThat(h.isAlways()).isTrue();
        assertThat(h).isEqualTo(WeeklyHours.ALWAYS);
        assertThat(hours("MON-SAT", "09:00-21:00").opensOn(DayOfWeek.SUNDAY)).isFalse();
    }
}
