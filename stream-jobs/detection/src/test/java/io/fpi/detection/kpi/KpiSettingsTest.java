package io.fpi.detection.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fpi.runtime.config.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KpiSettingsTest {
    @Test
    void defaults_are_one_hour_of_lateness_and_thirty_days_of_exception_expiry() {
        assertThat(KpiSettings.from(new Env(Map.of()))).isEqualTo(new KpiSettings(Duration.ofHours(1), Duration.ofDays(30)));
    }

    @Test
    void both_options_come_from_fpi_variables() {
        KpiSettings s = KpiSettings.from(new Env(Map.of("FPI_KPI_ALLOWED_LATENESS", "24h", "FPI_KPI_EXCEPTION_EXPIRY", "PT48H")));

        assertThat(s.allowedLateness()).isEqualTo(Duration.ofHours(24));
        assertThat(s.exceptionExpiry()).isEqualTo(Duration.ofHours(48));
    }

    @Test
    void a_bad_value_names_the_variable() {
        assertThatThrownBy(() -> KpiSettings.from(new Env(Map.of("FPI_KPI_ALLOWED_LATENESS", "soon"))))
                .hasMessageContaining("FPI_KPI_ALLOWED_LATENESS");
        assertThatThrownBy(() -> new KpiSettings(Duration.ofMinutes(-1), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
