package io.fpi.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fpi.simulator.scenarios.ActiveScenario;
import io.fpi.simulator.scenarios.ScenarioName;
import io.fpi.simulator.scenarios.ScenarioSpec;
import io.fpi.simulator.scenarios.Scenarios;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScenariosTest extends SimulatorTestBase {
    @Test
    void a_scenario_window_is_offset_from_the_simulated_start_with_per_scenario_default_lengths() {
        ActiveScenario s = Scenarios.resolve(List.of(ScenarioSpec.of(ScenarioName.CARRIER_OUTAGE)), T0, 1).all().get(0);
        assertThat(s.startMs()).isEqualTo(T0 + 2 * HOUR);
        assertThat(s.endMs()).isEqualTo(T0 + 6 * HOUR);
    }

    @Test
    void without_a_target_the_seed_chooses_one_and_always_the_same() {
        Set<String> carriers = new HashSet<>();
        for (long seed = 0; seed < 30; seed++) {
            String a = Scenarios.resolve(List.of(ScenarioSpec.of(ScenarioName.CARRIER_OUTAGE)), T0, seed).all().get(0).target();
            String b = Scenarios.resolve(List.of(ScenarioSpec.of(ScenarioName.CARRIER_OUTAGE)), T0, seed).all().get(0).target();
            assertThat(b).isEqualTo(a);
            carriers.add(a);
        }
        assertThat(carriers).containsExactlyInAnyOrder("SWIFTSHIP", "PARCELPRO", "BLUEPOST");
    }

    @Test
    void targets_name_a_carrier_a_dc_or_region_and_a_peak_multiplier() {
        Scenarios s = Scenarios.resolve(List.of(
                ScenarioSpec.parse("carrier-outage:parcelpro", null, null),
                ScenarioSpec.parse("warehouse-wave-delay:PACIFIC", null, null),
                ScenarioSpec.parse("store-inventory-drop:DC-MIDWEST", null, null),
                ScenarioSpec.parse("promotion-peak:3.5x", null, null)), T0, 1);
        assertThat(s.all()).extracting(ActiveScenario::target).containsExactly("PARCELPRO", "DC-PACIFIC", "MIDWEST", null);
        assertThat(s.all().get(3).multiplier()).isEqualTo(3.5);
        assertThat(s.maxArrivalMultiplier()).isEqualTo(3.5);
    }

    @Test
    void a_seed_chosen_peak_multiplies_volume_by_three_to_five() {
        for (long seed = 0; seed < 20; seed++) {
            double m = Scenarios.resolve(List.of(ScenarioSpec.of(ScenarioName.PROMOTION_PEAK)), T0, seed).all().get(0).multiplier();
            assertThat(m).isBetween(3.0, 5.0);
        }
    }

    @Test
    void the_arrival_rate_changes_exactly_at_peak_window_edges() {
        Scenarios s = Scenarios.resolve(List.of(new ScenarioSpec(ScenarioName.PROMOTION_PEAK, "4", Duration.ofHours(1),
                Duration.ofHours(2))), T0, 1);
        assertThat(s.arrivalMultiplier(T0 + HOUR - 1)).isEqualTo(1.0);
        assertThat(s.arrivalMultiplier(T0 + HOUR)).isEqualTo(4.0);
        assertThat(s.arrivalMultiplier(T0 + 3 * HOUR)).isEqualTo(1.0);
        assertThat(s.nextRateChange(T0)).isEqualTo(T0 + HOUR);
        assertThat(s.nextRateChange(T0 + HOUR)).isEqualTo(T0 + 3 * HOUR);
        assertThat(s.nextRateChange(T0 + 3 * HOUR)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void bad_targets_are_rejected() {
        assertThatThrownBy(() -> Scenarios.resolve(List.of(ScenarioSpec.parse("carrier-outage:METROCOURIER", null, null)), T0, 1))
                .hasMessageContaining("parcel carrier");
        assertThatThrownBy(() -> Scenarios.resolve(List.of(ScenarioSpec.parse("warehouse-wave-delay:ATLANTIS", null, null)), T0, 1))
                .hasMessageContaining("unknown region or DC 'ATLANTIS'");
        assertThatThrownBy(() -> Scenarios.resolve(List.of(ScenarioSpec.parse("promotion-peak:lots", null, null)), T0, 1))
                .hasMessageContaining("multiplier");
    }
}
