package io.fpi.policies.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DurationsTest {
    private static final long M = 60_000L;
    private static final long H = 60 * M;

    @Test
    void short_forms_with_units_combine() {
        assertThat(Durations.parse("2h")).isEqualTo(2 * H);
        assertThat(Durations.parse("90m")).isEqualTo(90 * M);
        assertThat(Durations.parse("1h30m")).isEqualTo(90 * M);
        assertThat(Durations.parse("1d")).isEqualTo(24 * H);
        assertThat(Durations.parse("45s")).isEqualTo(45_000L);
        assertThat(Durations.parse("500ms")).isEqualTo(500L);
        assertThat(Durations.parse("0")).isZero();
    }

    @Test
    void a_sign_makes_offsets_before_a_promise() {
        assertThat(Durations.parse("-30m")).isEqualTo(-30 * M);
        assertThat(Durations.parse("+1h")).isEqualTo(H);
    }

    @Test
    void iso_8601_is_accepted_too() {
        assertThat(Durations.parse("PT2H")).isEqualTo(2 * H);
        assertThat(Durations.parse("P1D")).isEqualTo(24 * H);
        assertThat(Durations.parse("-PT15M")).isEqualTo(-15 * M);
    }

    @Test
    void anything_else_is_rejected_with_examples() {
        for (String bad : new String[] {"2hr", "h", "2", "two hours", "1.5h", "", "P2X"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("e.g. 2h, 90m");
        }
    }

    @Test
    void format_is_the_shortest_readable_form() {
        assertThat(Durations.format(90 * M)).isEqualTo("1h30m");
        assertThat(Durations.format(26 * H)).isEqualTo("1d2h");
        assertThat(Durations.format(-30 * M)).isEqualTo("-30m");
        assertThat(Durations.format(0)).isEqualTo("0");
        assertThat(Durations.parse(Durations.format(93_784_005L))).isEqualTo(93_784_005L);
    }
}
