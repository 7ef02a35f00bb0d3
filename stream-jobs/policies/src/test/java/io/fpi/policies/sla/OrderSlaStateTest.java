package io.fpi.policies.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/** The per-order state: small, shared strings, serializable for Flink, and stable finding ids. */
class OrderSlaStateTest extends SlaTestBase {
    private static final long PLACED = ny("2025-01-13T20:30");

    private void bopisStory() {
        process(orderPlaced(PLACED, "BOPIS", null), orderSourced(PLACED + MINUTE, STORE));
    }

    @Test
    void flink_treats_the_state_as_a_pojo() {
        PojoTestUtils.assertSerializedAsPojo(OrderSlaState.class);
    }

    @Test
    void the_state_survives_serialization_mid_story_and_carries_on_identically() throws Exception {
        bopisStory();
        watermark(ny("2025-01-14T10:06"));
        OrderSlaState copy = roundTrip(state);

        SlaEvaluatorTestFixture other = new SlaEvaluatorTestFixture(copy);
        List<SlaFinding> rest = watermark(ny("2025-01-14T12:00"));
        assertThat(other.watermark(ny("2025-01-14T12:00"))).isEqualTo(rest);
        assertThat(rest).extracting(SlaTestBase::describe).containsExactly("SLA_BREACH ready_in_2h");
    }

    @Test
    void the_state_remembers_only_what_rules_refer_to_and_shares_its_strings() {
        bopisStory();
        process(event("PAYMENT_AUTHORIZED", PLACED + MINUTE), event("INVENTORY_SYNCED", PLACED + 2 * MINUTE),
                event("STORE_PICK_STARTED", ny("2025-01-14T09:30")));
        assertThat(state.activities).containsExactly("STORE_PICK_STARTED");
        String node = new String(STORE.toCharArray());
        OrderSlaState other = new OrderSlaState();
        evaluator.onEvent(other, orderSourced(PLACED, node));
        assertThat(other.nodeId).isSameAs(state.nodeId);
        assertThat(state.fulfillmentType).isSameAs(TEST_POLICIES.intern("BOPIS"));
    }

    @Test
    void finding_ids_are_the_same_on_every_replay_and_differ_by_type() {
        bopisStory();
        endOfInput();
        SlaEvaluatorTestFixture replay = new SlaEvaluatorTestFixture(new OrderSlaState());
        replay.evaluator = new SlaEvaluator(loadResource("sla/evaluator-policies.yaml"));
        replay.process(replay.orderPlaced(PLACED, "BOPIS", null), replay.orderSourced(PLACED + MINUTE, STORE));
        replay.endOfInput();

        assertThat(replay.findings).extracting(SlaFinding::findingId)
                .containsExactlyElementsOf(findings.stream().map(SlaFinding::findingId).toList())
                .doesNotHaveDuplicates();
        assertThat(findings.get(1).findingId())
                .isEqualTo(FindingIds.of(DATASET, ORDER, "bopis", "ready_in_2h", FindingType.SLA_BREACH))
                .isNotEqualTo(FindingIds.of("other-dataset", ORDER, "bopis", "ready_in_2h", FindingType.SLA_BREACH));
    }

    @Test
    void a_changed_policy_file_rebinds_the_state_and_reports_again_under_the_same_ids() {
        bopisStory();
        List<SlaFinding> before = watermark(ny("2025-01-14T10:30"));
        assertThat(before).extracting(SlaTestBase::describe).containsExactly("AT_RISK ready_in_2h", "SLA_BREACH ready_in_2h");

        SlaPolicies relaxed = SlaPolicies.parse("""
                version: "eval-2"
                regions: { NORTHEAST: { time_zone: America/New_York } }
                calendars: { store: { hours: { DAILY: "09:00-21:00" } } }
                nodes: { "ST-*": { calendar: store } }
                policies:
                  - id: bopis
                    match: { fulfillment_type: BOPIS, channel: "*" }
                    milestones:
                      - { name: ready_in_2h, satisfied_by: READY_FOR_PICKUP, within: 3h, clock: business }
                """, "relaxed.yaml");
        evaluator = new SlaEvaluator(relaxed);
        assertThat(evaluator.nextTimer(state)).as("80 % of 3 open hours").isEqualTo(ny("2025-01-14T10:54"));
        assertThat(state.policiesFingerprint).isEqualTo(relaxed.fingerprint());

        List<SlaFinding> after = watermark(ny("2025-01-14T12:00"));
        assertThat(after).extracting(SlaFinding::findingId)
                .containsExactlyElementsOf(before.stream().map(SlaFinding::findingId).toList());
        assertThat(after).extracting(SlaFinding::policyVersion).containsOnly("eval-2");
        assertThat(after.get(1).deadlineMs()).isEqualTo(ny("2025-01-14T11:30"));
    }

    private static OrderSlaState roundTrip(OrderSlaState s) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (OrderSlaState) in.readObject();
        }
    }

    /** A second order (or the same order elsewhere) sharing this class's fixtures. */
    private static final class SlaEvaluatorTestFixture extends SlaTestBase {
        SlaEvaluatorTestFixture(OrderSlaState state) {
            this.state = state;
        }
    }
}
