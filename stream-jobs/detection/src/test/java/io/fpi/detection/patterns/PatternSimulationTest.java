package io.fpi.detection.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.detection.findings.FindingTypes;
import io.fpi.schemas.Finding;
import io.fpi.simulator.SimulatorConfig;
import io.fpi.simulator.scenarios.ScenarioName;
import io.fpi.simulator.scenarios.ScenarioSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules against the simulator's scenarios (2000 orders, about 2.5 h of arrivals, the scenario
 * from 2 h on), on both operators chained in harnesses: detection quality in seconds, with the
 * default configuration. The MiniCluster test repeats the carrier outage through the real wiring.
 */
class PatternSimulationTest extends PatternsTestBase {

    private static List<Finding> findings(SimulatorConfig config) throws Exception {
        try (PatternPipelineHarness p = PatternPipelineHarness.run(PatternConfig.defaults(), distinctEvents(config))) {
            assertThat(p.stateEntries()).as("all state is gone after the end of input").isZero();
            assertThat(p.eventTimeTimers()).isZero();
            return p.findings().stream().sorted(PatternRanking.TOP_FIRST).toList();
        }
    }

    private static boolean carrierApiFailures(Finding f, String carrier) {
        return "CARRIER_API_5XX".equals(f.getErrorCode()) && carrier.equals(f.getEvidence().get("carrier"));
    }

    @Test
    void a_carrier_outage_is_the_top_finding_as_a_critical_spike_naming_the_failing_carrier() throws Exception {
        List<Finding> ranked = findings(simulation(2000, "SWIFTSHIP"));

        Finding top = ranked.get(0);
        assertThat(top.getType()).isEqualTo(FindingTypes.EXCEPTION_SPIKE);
        assertThat(top.getSeverity()).isEqualTo(FindingTypes.CRITICAL);
        assertThat(carrierApiFailures(top, "SWIFTSHIP")).as(top.getMessage()).isTrue();
        assertThat(top.getEvidence()).containsEntry("scope", "all").containsEntry("activity", "INTEGRATION_CALL_FAILED");
        assertThat(top.getSourceSystem()).isEqualTo("CARRIER");
        assertThat(top.getMessage()).contains("CARRIER_API_5XX", "carrier SWIFTSHIP");
        assertThat(top.getDetectedAt()).as("within the first windows of the outage (from 2 h)")
                .isBetween(T0 + Duration.ofHours(2).toMillis(), T0 + Duration.ofHours(3).toMillis());

        assertThat(ranked).filteredOn(f -> f.getType().equals(FindingTypes.RECURRING_EXCEPTION) && carrierApiFailures(f, "SWIFTSHIP"))
                .as("and it recurs at the DCs").isNotEmpty()
                .allSatisfy(f -> assertThat(f.getNodeId()).isNotNull());
        assertThat(ranked).filteredOn(f -> f.getType().equals(FindingTypes.EXCEPTION_SPIKE) && "CARRIER_API_5XX".equals(f.getErrorCode()))
                .as("the carriers still working do not spike")
                .allSatisfy(f -> assertThat(f.getEvidence()).containsEntry("carrier", "SWIFTSHIP"));
    }

    @Test
    void without_the_outage_the_same_retailer_shows_no_carrier_pattern_and_no_critical_finding() throws Exception {
        List<Finding> ranked = findings(simulation(2000, null));

        assertThat(ranked).noneMatch(f -> "CARRIER_API_5XX".equals(f.getErrorCode()));
        assertThat(ranked).noneMatch(f -> f.getSeverity().equals(FindingTypes.CRITICAL));
    }

    @Test
    void a_store_inventory_drop_shows_as_a_spike_in_its_region_among_the_top_findings() throws Exception {
        SimulatorConfig config = SimulatorConfig.builder().seed(7).simStartMs(T0).paced(false).maxOrders(2000)
                .scenario(new ScenarioSpec(ScenarioName.STORE_INVENTORY_DROP, "MIDWEST", Duration.ofHours(2), null)).build();
        List<Finding> top3 = findings(config).stream().limit(3).toList();

        assertThat(top3).anySatisfy(f -> {
            assertThat(f.getType()).isEqualTo(FindingTypes.EXCEPTION_SPIKE);
            assertThat(f.getRegion()).isEqualTo("MIDWEST");
            assertThat(f.getErrorCode()).isIn("COUNT_MISMATCH", "BACKORDER");
        });
    }
}
