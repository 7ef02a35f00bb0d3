package io.fpi.api.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StageTest {
    private static final Instant T = Instant.parse("2024-03-01T10:00:00Z");

    @Test
    void a_stage_name_from_the_job_splits_into_its_two_activities() {
        OrderTrace.Stage s = OrderTrace.Stage.of("PICKED -> PACKED", T, 60_000L);

        assertThat(s.stage()).isEqualTo("PICKED -> PACKED");
        assertThat(s.fromActivity()).isEqualTo("PICKED");
        assertThat(s.toActivity()).isEqualTo("PACKED");
        assertThat(s.durationMs()).isEqualTo(60_000L);
    }

    @Test
    void a_stage_name_without_an_arrow_is_kept_whole_as_its_start() {
        OrderTrace.Stage s = OrderTrace.Stage.of("Register request", T, 5L);

        assertThat(s.fromActivity()).isEqualTo("Register request");
        assertThat(s.toActivity()).isNull();
    }

    @Test
    void imported_activity_names_with_dashes_split_at_the_first_arrow_only() {
        OrderTrace.Stage s = OrderTrace.Stage.of("check - ticket -> decide -> again", T, 5L);

        assertThat(s.fromActivity()).isEqualTo("check - ticket");
        assertThat(s.toActivity()).isEqualTo("decide -> again");
    }
}
