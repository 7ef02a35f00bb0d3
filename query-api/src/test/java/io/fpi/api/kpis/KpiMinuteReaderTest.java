package io.fpi.api.kpis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KpiMinuteReaderTest {
    private static List<String> cut(String from, String to) {
        return KpiMinuteReader.cut(new TimeRange(Instant.parse(from), Instant.parse(to))).stream()
                .map(s -> Instant.ofEpochMilli(s.start()) + ".." + Instant.ofEpochMilli(s.end()) + (s.wholeHour() ? " hour" : ""))
                .toList();
    }

    @Test
    void a_window_is_cut_into_its_whole_hours_and_the_partial_hours_at_its_edges() {
        assertThat(cut("2024-03-01T10:20:00Z", "2024-03-01T13:05:00Z")).containsExactly(
                "2024-03-01T10:20:00Z..2024-03-01T11:00:00Z",
                "2024-03-01T11:00:00Z..2024-03-01T12:00:00Z hour",
                "2024-03-01T12:00:00Z..2024-03-01T13:00:00Z hour",
                "2024-03-01T13:00:00Z..2024-03-01T13:05:00Z");
    }

    @Test
    void an_aligned_window_is_whole_hours_only() {
        assertThat(cut("2024-03-01T10:00:00Z", "2024-03-01T12:00:00Z")).containsExactly(
                "2024-03-01T10:00:00Z..2024-03-01T11:00:00Z hour", "2024-03-01T11:00:00Z..2024-03-01T12:00:00Z hour");
    }

    @Test
    void a_window_without_a_whole_hour_is_one_or_two_partial_hours() {
        assertThat(cut("2024-03-01T10:20:00Z", "2024-03-01T10:50:00Z"))
                .containsExactly("2024-03-01T10:20:00Z..2024-03-01T10:50:00Z");
        assertThat(cut("2024-03-01T10:20:00Z", "2024-03-01T11:30:00Z"))
                .containsExactly("2024-03-01T10:20:00Z..2024-03-01T11:00:00Z", "2024-03-01T11:00:00Z..2024-03-01T11:30:00Z");
        assertThat(cut("2024-03-01T10:00:00Z", "2024-03-01T10:30:00Z"))
                .containsExactly("2024-03-01T10:00:00Z..2024-03-01T10:30:00Z");
    }
}
