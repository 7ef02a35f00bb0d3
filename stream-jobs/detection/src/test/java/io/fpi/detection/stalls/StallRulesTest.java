package io.fpi.detection.stalls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fpi.policies.config.ConfigFileException;
import io.fpi.schemas.CanonicalActivity;
import org.junit.jupiter.api.Test;

class StallRulesTest {

    @Test
    void the_shipped_thresholds_load_and_watch_every_stage_an_open_order_can_sit_in() {
        StallRules rules = StallRules.loadDefault();

        assertThat(rules.version()).isNotBlank();
        for (CanonicalActivity a : CanonicalActivity.values()) {
            boolean openStage = a.milestone() && a.closesAs() == null && a.phase() != io.fpi.schemas.Phase.RETURNS;
            if (openStage) {
                assertThat(rules.resolve(a.name(), "SHIP_TO_HOME", "DC-NORTHEAST")).as(a.name()).isNotNull();
                assertThat(rules.resolve(a.name(), "BOPIS", "ST-0001")).as(a.name()).isNotNull();
            }
        }
        assertThat(rules.pauses("MANUAL_INTERVENTION")).isTrue();
        assertThat(rules.pauses("BACKORDER")).as("waiting for stock is a stall").isFalse();
    }

    @Test
    void the_most_specific_rule_wins_type_before_node() {
        StallRules rules = StallRules.parse("""
                version: "t"
                stages:
                  - { stage: LABEL_CREATED, threshold: 1h }
                  - { stage: LABEL_CREATED, nodes: "ST-*", threshold: 2h, clock: cutoff }
                  - { stage: LABEL_CREATED, nodes: "ST-0042", threshold: 3h }
                  - { stage: LABEL_CREATED, fulfillment_type: SAME_DAY, threshold: 4h }
                """, "test.yaml");

        assertThat(rules.resolve("LABEL_CREATED", "SHIP_TO_HOME", "DC-X").thresholdMs()).isEqualTo(3_600_000);
        assertThat(rules.resolve("LABEL_CREATED", "SHIP_TO_HOME", null).thresholdMs()).isEqualTo(3_600_000);
        assertThat(rules.resolve("LABEL_CREATED", "SHIP_FROM_STORE", "ST-0001").clock()).isEqualTo(StallClock.CUTOFF);
        assertThat(rules.resolve("LABEL_CREATED", "SHIP_FROM_STORE", "ST-0042").thresholdMs()).isEqualTo(3 * 3_600_000);
        assertThat(rules.resolve("LABEL_CREATED", "SAME_DAY", "ST-0042").thresholdMs()).isEqualTo(4 * 3_600_000);
        assertThat(rules.resolve("PACKED", "SAME_DAY", "ST-0042")).as("no rule: not watched").isNull();
    }

    @Test
    void a_broken_file_is_rejected_with_every_problem_and_its_line() {
        assertThatThrownBy(() -> StallRules.parse("""
                version: "t"
                stages:
                  - { stage: LABEL_CREATED, threshhold: 1h }
                  - { stage: IN_TRANSIT, threshold: 1h }
                  - { stage: PACKED, threshold: soon }
                  - { stage: PICKED, threshold: 1h, blocked_by_failures: 2, blocked_after: 1h }
                  - { stage: PICKED, threshold: 2h }
                """, "broken.yaml"))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("broken.yaml:3")
                .hasMessageContaining("did you mean 'threshold'")
                .hasMessageContaining("IN_TRANSIT is not a milestone")
                .hasMessageContaining("'soon' is not a duration")
                .hasMessageContaining("add 'responsible:'")
                .hasMessageContaining("a second rule for PICKED");
    }

    @Test
    void the_shipped_file_watches_the_dc_wave_stage_across_orders() {
        var rules = StallRules.loadDefault().nodeRules();

        assertThat(rules).hasSize(1);
        var r = rules.get(0);
        assertThat(r.stage()).isEqualTo("RELEASED_TO_WAREHOUSE");
        assertThat(r.matches("DC-MIDWEST")).isTrue();
        assertThat(r.matches("ST-0001")).isFalse();
        assertThat(r.blockedAfterMs()).isEqualTo(3_600_000L);
        assertThat(r.typicalFactor()).isEqualTo(1.5);
        assertThat(r.minOrders()).isEqualTo(10);
        assertThat(r.forgetAfterMs()).isEqualTo(3 * 86_400_000L);
        assertThat(r.responsible()).isEqualTo("WMS");
    }

    @Test
    void node_stage_rules_default_order_idle_to_blocked_after_and_pick_the_most_specific_pattern() {
        StallRules rules = StallRules.parse("""
                version: "t"
                stages: [ { stage: PACKED, threshold: 1h } ]
                node_stages:
                  - { stage: PICKED, nodes: "DC-*", blocked_after: 1h }
                  - { stage: PICKED, nodes: "DC-EAST", blocked_after: 2h, min_orders: 4 }
                """, "t.yaml");

        var general = io.fpi.detection.nodes.NodeStageRules.resolve(rules.nodeRules(), "DC-WEST", "PICKED");
        var exact = io.fpi.detection.nodes.NodeStageRules.resolve(rules.nodeRules(), "DC-EAST", "PICKED");
        assertThat(general.blockedAfterMs()).isEqualTo(3_600_000L);
        assertThat(general.orderIdleMs()).isEqualTo(3_600_000L);
        assertThat(general.minOrders()).isEqualTo(3);
        assertThat(exact.blockedAfterMs()).isEqualTo(7_200_000L);
        assertThat(io.fpi.detection.nodes.NodeStageRules.at(rules.nodeRules(), "DC-EAST")).containsExactly(exact);
        assertThat(io.fpi.detection.nodes.NodeStageRules.resolve(rules.nodeRules(), "DC-EAST", "PACKED")).isNull();
    }

    @Test
    void a_broken_node_stages_section_is_rejected_with_every_problem() {
        assertThatThrownBy(() -> StallRules.parse("""
                version: "t"
                stages: [ { stage: PACKED, threshold: 1h } ]
                node_stages:
                  - { stage: IN_TRANSIT, blocked_after: 1h }
                  - { stage: PICKED, blocked_afterr: 1h }
                  - { stage: PACKED, blocked_after: 1h, min_orders: none, typical_factor: -2 }
                  - { stage: WAVE_RELEASED, blocked_after: 2h, forget_after: 1h }
                """, "broken-nodes.yaml"))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("IN_TRANSIT is not a milestone")
                .hasMessageContaining("did you mean 'blocked_after'")
                .hasMessageContaining("'none' is not a count")
                .hasMessageContaining("is not a factor")
                .hasMessageContaining("forget_after must be longer");
    }
}
