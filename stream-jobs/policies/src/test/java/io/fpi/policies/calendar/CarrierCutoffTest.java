package io.fpi.policies.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CarrierCutoffTest extends CalendarTestBase {
    /** Collected weekdays: ready by 15:30, scanned by 17:30. */
    private static final CarrierCutoff WEEKDAYS = CarrierCutoff.of("*", "ST-*", LocalTimes.parse("15:30"),
            LocalTimes.parse("17:30"), WeeklyHours.parseDays("MON-FRI"), DAILY_STORE);

    @Test
    void a_parcel_ready_before_the_cutoff_leaves_the_same_day() {
        assertThat(WEEKDAYS.nextHandoffCutoff(ny("2025-01-13T14:00"))).isEqualTo(ny("2025-01-13T17:30"));
        assertThat(WEEKDAYS.nextHandoffCutoff(ny("2025-01-13T03:00"))).isEqualTo(ny("2025-01-13T17:30"));
    }

    @Test
    void ready_exactly_at_the_cutoff_still_makes_it() {
        assertThat(WEEKDAYS.nextHandoffCutoff(ny("2025-01-13T15:30"))).isEqualTo(ny("2025-01-13T17:30"));
    }

    @Test
    void a_parcel_ready_after_the_cutoff_leaves_the_next_business_day() {
        assertThat(WEEKDAYS.nextHandoffCutoff(ny("2025-01-13T15:31"))).isEqualTo(ny("2025-01-14T17:30"));
        assertThat(WEEKDAYS.nextHandoffCutoff(ny("2025-01-13T23:00"))).isEqualTo(ny("2025-01-14T17:30"));
    }

    @Test
    void friday_afternoon_and_weekend_parcels_leave_on_monday() {
        assertThat(WEEKDAYS.nextHandoffCutoff(ny("2025-01-17T16:00"))).isEqualTo(ny("2025-01-20T17:30"));
        assertThat(WEEKDAYS.nextHandoffCutoff(ny("2025-01-18T10:00"))).isEqualTo(ny("2025-01-20T17:30"));
        assertThat(WEEKDAYS.isBusinessDay(LocalDate.parse("2025-01-18").toEpochDay())).isFalse();
    }

    @Test
    void no_pickup_at_a_node_that_is_closed_that_day() {
        CarrierCutoff atStore = WEEKDAYS.at(STORE); // closed on Christmas Day, Thursday 2025-12-25
        assertThat(atStore.nextHandoffCutoff(ny("2025-12-24T16:00"))).isEqualTo(ny("2025-12-26T17:30"));
        CarrierCutoff daily = CarrierCutoff.of("*", "ST-*", LocalTimes.parse("15:30"), LocalTimes.parse("17:30"),
                EnumSet.allOf(DayOfWeek.class), STORE); // STORE is closed on Sundays
        assertThat(daily.nextHandoffCutoff(ny("2025-01-18T16:00"))).isEqualTo(ny("2025-01-20T17:30"));
    }

    @Test
    void cutoffs_are_local_times_of_the_node() {
        BusinessCalendar chicago = DAILY_STORE.withZone(java.time.ZoneId.of("America/Chicago"));
        CarrierCutoff c = WEEKDAYS.at(chicago);
        assertThat(c.nextHandoffCutoff(at("2025-01-13T15:00", chicago.zone())))
                .isEqualTo(at("2025-01-13T17:30", chicago.zone()));
    }

    @Test
    void handoff_before_ready_by_is_rejected() {
        assertThatThrownBy(() -> CarrierCutoff.of("X", "*", LocalTimes.parse("16:00"), LocalTimes.parse("15:00"),
                EnumSet.allOf(DayOfWeek.class), DAILY_STORE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be before ready_by");
        assertThatThrownBy(() -> CarrierCutoff.of("X", "*", 900, 960, EnumSet.noneOf(DayOfWeek.class), DAILY_STORE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of(WEEKDAYS.readyByMinute(), WEEKDAYS.handoffByMinute())).containsExactly(930, 1050);
    }
}
