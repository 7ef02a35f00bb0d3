package io.fpi.detection.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fpi.runtime.config.Env;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PatternConfigTest {

    @Test
    void defaults_are_the_documented_ones() {
        PatternConfig c = PatternConfig.fromEnv(new Env(Map.of()));
        assertThat(c).isEqualTo(PatternConfig.defaults());
        assertThat(c.window()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.allowedLateness()).isZero();
        assertThat(c.recurringN()).isEqualTo(3);
        assertThat(c.recurringM()).isEqualTo(4);
        assertThat(c.minCount()).isEqualTo(2);
        assertThat(c.spikeK()).isEqualTo(4.0);
        assertThat(c.spikeMinCount()).isEqualTo(5);
        assertThat(c.ewmaAlpha()).isEqualTo(0.2);
        assertThat(c.warmup()).isEqualTo(Duration.ofHours(1));
        assertThat(c.idleExpiry()).isEqualTo(Duration.ofHours(24));
        assertThat(c.scopes()).containsExactly(PatternScope.NODE, PatternScope.REGION, PatternScope.ALL);
        assertThat(c.recurringScopes()).containsExactly(PatternScope.NODE);
        assertThat(c.activities()).isEqualTo(PatternConfig.DEFAULT_ACTIVITIES);
        assertThat(c.keyAttributes()).containsExactly("carrier");
    }

    @Test
    void every_option_is_read_from_its_variable() {
        PatternConfig c = PatternConfig.fromEnv(new Env(Map.ofEntries(
                Map.entry("FPI_PATTERN_WINDOW", "5m"),
                Map.entry("FPI_PATTERN_ALLOWED_LATENESS", "30s"),
                Map.entry("FPI_PATTERN_RECURRING_N", "4"),
                Map.entry("FPI_PATTERN_RECURRING_M", "6"),
                Map.entry("FPI_PATTERN_MIN_COUNT", "1"),
                Map.entry("FPI_PATTERN_SPIKE_K", "3.5"),
                Map.entry("FPI_PATTERN_SPIKE_MIN_COUNT", "10"),
                Map.entry("FPI_PATTERN_EWMA_ALPHA", "0.1"),
                Map.entry("FPI_PATTERN_WARMUP", "2h"),
                Map.entry("FPI_PATTERN_IDLE_EXPIRY", "2d"),
                Map.entry("FPI_PATTERN_SCOPES", "all, channel"),
                Map.entry("FPI_PATTERN_RECURRING_SCOPES", "none"),
                Map.entry("FPI_PATTERN_ACTIVITIES", "exception_raised,DELIVERY_FAILED"),
                Map.entry("FPI_PATTERN_KEY_ATTRIBUTES", "target,carrier"))));

        assertThat(c.window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.allowedLateness()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.closeTime(0)).isEqualTo(5 * 60_000 - 1 + 30_000);
        assertThat(c.recurringN()).isEqualTo(4);
        assertThat(c.recurringM()).isEqualTo(6);
        assertThat(c.minCount()).isEqualTo(1);
        assertThat(c.spikeK()).isEqualTo(3.5);
        assertThat(c.spikeMinCount()).isEqualTo(10);
        assertThat(c.ewmaAlpha()).isEqualTo(0.1);
        assertThat(c.warmup()).isEqualTo(Duration.ofHours(2));
        assertThat(c.idleExpiry()).isEqualTo(Duration.ofDays(2));
        assertThat(c.idleWindows()).isEqualTo(2 * 24 * 12);
        assertThat(c.scopes()).containsExactly(PatternScope.ALL, PatternScope.CHANNEL);
        assertThat(c.recurringScopes()).isEmpty();
        assertThat(c.recurringIn("all")).isFalse();
        assertThat(c.activities()).containsExactly("EXCEPTION_RAISED", "DELIVERY_FAILED");
        assertThat(c.keyAttributes()).containsExactly("carrier", "target");
    }

    @Test
    void windows_are_aligned_to_the_epoch_also_before_it() {
        PatternConfig c = PatternConfig.defaults();
        assertThat(c.windowStart(15 * 60_000 + 1)).isEqualTo(15 * 60_000);
        assertThat(c.windowStart(-1)).isEqualTo(-15 * 60_000);
    }

    @Test
    void bad_values_are_rejected_with_the_variable_named() {
        assertThatThrownBy(() -> PatternConfig.fromEnv(new Env(Map.of("FPI_PATTERN_RECURRING_N", "5"))))
                .hasMessageContaining("FPI_PATTERN_RECURRING_N");
        assertThatThrownBy(() -> PatternConfig.fromEnv(new Env(Map.of("FPI_PATTERN_SPIKE_K", "lots"))))
                .hasMessageContaining("FPI_PATTERN_SPIKE_K");
        assertThatThrownBy(() -> PatternConfig.fromEnv(new Env(Map.of("FPI_PATTERN_EWMA_ALPHA", "1"))))
                .hasMessageContaining("FPI_PATTERN_EWMA_ALPHA");
        assertThatThrownBy(() -> PatternConfig.fromEnv(new Env(Map.of("FPI_PATTERN_IDLE_EXPIRY", "30m"))))
                .hasMessageContaining("FPI_PATTERN_IDLE_EXPIRY");
        assertThatThrownBy(() -> PatternConfig.fromEnv(new Env(Map.of("FPI_PATTERN_SCOPES", "planet"))))
                .hasMessageContaining("planet");
        assertThatThrownBy(() -> PatternConfig.fromEnv(new Env(Map.of("FPI_PATTERN_WINDOW", "soon"))))
                .hasMessageContaining("FPI_PATTERN_WINDOW");
        assertThatThrownBy(() -> PatternConfig.builder().activities().build()).hasMessageContaining("FPI_PATTERN_ACTIVITIES");
        assertThatThrownBy(() -> PatternConfig.builder().minCount(0).build()).hasMessageContaining("FPI_PATTERN_MIN_COUNT");
    }

    @Test
    void the_config_is_serializable_for_flink_functions() throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(PatternConfig.defaults());
        }
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(PatternConfig.defaults());
        }
        assertThat(List.of(PatternScope.values())).extracting(PatternScope::wireName).containsExactly("node", "region", "channel", "all");
    }
}
