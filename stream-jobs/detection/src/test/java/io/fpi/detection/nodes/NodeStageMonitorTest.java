package io.fpi.detection.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.detection.findings.FindingSerializer;
import io.fpi.detection.findings.FindingTypes;
import io.fpi.detection.stalls.StallRules;
import io.fpi.schemas.Finding;
import io.fpi.schemas.FulfillmentEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link NodeStageMonitor} in a keyed harness, fed through {@link NodeMilestoneRouter}: a stage at
 * a DC that orders keep entering but none of the newer ones leaves is blocked; its waiting orders
 * stall (node_blocked) and resolve when they move; slow or lone orders do not block it.
 */
class NodeStageMonitorTest {
    static final long MIN = 60_000L;
    static final long T0 = 1_772_460_000_000L; // 2026-03-02 14:00 UTC
    static final String DC = "DC-NORTHEAST";
    static final String RELEASED = "RELEASED_TO_WAREHOUSE";
    static final String WAVE = "WAVE_RELEASED";
    /** Small numbers so that the stories stay short: 3 orders, 1 h, 90 min, learned x1.5. */
    static final String RULES = """
            version: "t1"
            pause_on_exceptions: [MANUAL_INTERVENTION]
            stages:
              - { stage: PACKED, threshold: 1h }
            node_stages:
              - { stage: RELEASED_TO_WAREHOUSE, nodes: "DC-*", blocked_after: 1h, typical_factor: 1.5, min_orders: 3,
                  order_idle: 90m, forget_after: 1d, responsible: WMS }
            """;
    static final StallRules STALL_RULES = StallRules.parse(RULES, "test");

    private KeyedOneInputStreamOperatorTestHarness<String, NodeMilestone, Finding> h;
    private final NodeMilestoneRouter router = new NodeMilestoneRouter(STALL_RULES.nodeRules(), STALL_RULES.pauseCodes());

    @AfterEach
    void close() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void a_stage_no_newer_order_leaves_is_blocked_and_its_orders_stall_then_resolve_when_they_move() throws Exception {
        open(null);
        healthyHour(); // 12 orders in and out, 20 min each: typical 20 min, so blocked_after stays 1 h
        long s = T0 + 70 * MIN;
        send(ev("B1", RELEASED, s), ev("B2", RELEASED, s + 10 * MIN), ev("B3", RELEASED, s + 20 * MIN),
                ev("B4", RELEASED, s + 40 * MIN));
        watermark(s + 59 * MIN);
        assertThat(findings()).isEmpty();

        watermark(s + 60 * MIN); // B1 has waited 1 h, three more came in after it, none got out
        Finding node = single(findings(), null);
        assertThat(node.getType()).isEqualTo(FindingTypes.STALL);
        assertThat(node.getDetectedAt()).isEqualTo(s + 60 * MIN);
        assertThat(node.getNodeId()).isEqualTo(DC);
        assertThat(node.getStage()).isEqualTo(RELEASED);
        assertThat(node.getSourceSystem()).isEqualTo("WMS");
        assertThat(node.getEvidence()).containsEntry("scope", "node").containsEntry("waiting", "4")
                .containsEntry("reason", NodeFindings.REASON).containsEntry("blocked_after_ms", Long.toString(60 * MIN));

        watermark(s + 130 * MIN); // each order stalls once it has waited 90 min itself
        List<Finding> stalls = orderFindings(FindingTypes.STALL);
        assertThat(stalls).extracting(Finding::getOrderId).containsExactly("B1", "B2", "B3", "B4");
        assertThat(stalls).extracting(Finding::getDetectedAt)
                .containsExactly(s + 90 * MIN, s + 100 * MIN, s + 110 * MIN, s + 130 * MIN);
        Finding b1 = stalls.get(0);
        assertThat(b1.getIdleMs()).isEqualTo(90 * MIN);
        assertThat(b1.getFindingId()).isEqualTo(NodeFindings.orderStallId("demo", "B1", RELEASED, s));
        assertThat(b1.getEvidence()).containsEntry("reason", "node_blocked").containsEntry("scope", "order")
                .containsEntry("since_ms", Long.toString(s)).containsEntry("node_blocked_since_ms", Long.toString(s + 60 * MIN));
        assertThat(b1.getChannel()).isEqualTo("WEB");
        assertThat(b1.getFulfillmentType()).isEqualTo("SHIP_TO_HOME");

        send(ev("B2", WAVE, s + 140 * MIN));
        watermark(s + 140 * MIN);
        Finding resolved = single(orderFindings(FindingTypes.RESOLVED), "B2");
        assertThat(resolved.getResolves()).isEqualTo(stalls.get(1).getFindingId());
        assertThat(resolved.getIdleMs()).isEqualTo(130 * MIN);
        // B2 came in after B1, and it got out: the stage is moving again
        Finding nodeResolved = single(findings(FindingTypes.RESOLVED), null);
        assertThat(nodeResolved.getResolves()).isEqualTo(node.getFindingId());
        assertThat(nodeResolved.getDetectedAt()).isEqualTo(s + 140 * MIN);
    }

    @Test
    void one_slow_order_does_not_block_a_stage_the_others_keep_leaving() throws Exception {
        open(null);
        send(ev("SLOW", RELEASED, T0));
        for (int i = 0; i < 30; i++) { // one every 5 min, each out 20 min later
            send(ev("O" + i, RELEASED, T0 + (i + 1) * 5 * MIN), ev("O" + i, WAVE, T0 + (i + 1) * 5 * MIN + 20 * MIN));
        }
        watermark(T0 + 10 * 60 * MIN);
        assertThat(findings()).isEmpty();
    }

    @Test
    void a_stage_slow_for_everyone_is_not_blocked_because_its_typical_time_is_learned() throws Exception {
        open(null);
        slowPeak();
        assertThat(findings()).isEmpty();

        close();
        h = null;
        open(null, StallRules.parse(RULES.replace("typical_factor: 1.5", "typical_factor: 0"), "no-learning"));
        slowPeak();
        assertThat(findings(FindingTypes.STALL)).as("with a fixed 1 h the same peak looks blocked").isNotEmpty();
    }

    /** Twelve orders 50 min apart take 100 min each (the stage's typical time), then one every 5 min, still 100 min each. */
    private void slowPeak() throws Exception {
        for (int i = 0; i < 12; i++) {
            send(ev("W" + i, RELEASED, T0 + i * 50 * MIN), ev("W" + i, WAVE, T0 + i * 50 * MIN + 100 * MIN));
        }
        long p = T0 + 700 * MIN;
        for (int i = 0; i < 60; i++) {
            send(ev("P" + i, RELEASED, p + i * 5 * MIN), ev("P" + i, WAVE, p + i * 5 * MIN + 100 * MIN));
        }
        watermark(p + 8 * 60 * MIN);
    }

    @Test
    void the_last_orders_before_a_lull_do_not_block_a_stage() throws Exception {
        open(null);
        healthyHour();
        long s = T0 + 70 * MIN; // three come in together, then nothing more: nothing could overtake them
        send(ev("L1", RELEASED, s), ev("L2", RELEASED, s + MIN), ev("L3", RELEASED, s + 2 * MIN));
        watermark(s + 5 * 60 * MIN);
        assertThat(findings()).isEmpty();
    }

    @Test
    void an_order_rerouted_away_leaves_without_moving_the_frontier_and_a_cancelled_one_too() throws Exception {
        open(null);
        healthyHour();
        long s = T0 + 70 * MIN;
        send(ev("R1", RELEASED, s), ev("R2", RELEASED, s + 5 * MIN), ev("R3", RELEASED, s + 10 * MIN),
                ev("R4", RELEASED, s + 15 * MIN), ev("R5", RELEASED, s + 30 * MIN));
        FulfillmentEvent reroute = ev("R2", "ORDER_REROUTED", s + 20 * MIN);
        reroute.setNodeId("ST-0001");
        reroute.setAttributes(Map.of("from_node", DC));
        send(reroute, ev("R3", "ORDER_CANCELLED", s + 25 * MIN));
        watermark(s + 3 * 60 * MIN);
        // R2 and R3 left (no STALL for them), but neither counts as the stage moving: R1, R4, R5 are blocked
        assertThat(orderFindings(FindingTypes.STALL)).extracting(Finding::getOrderId).containsExactly("R1", "R4", "R5");
    }

    @Test
    void an_order_someone_works_on_is_not_reported_until_order_idle_after_the_resolution() throws Exception {
        open(null);
        healthyHour();
        long s = T0 + 70 * MIN;
        send(ev("M1", RELEASED, s), exception("M1", true, s + 5 * MIN), ev("M2", RELEASED, s + 10 * MIN),
                ev("M3", RELEASED, s + 20 * MIN), ev("M4", RELEASED, s + 40 * MIN));
        watermark(s + 4 * 60 * MIN);
        // blocked at s + 60; M1's STALL was due at s + 90 but an agent was on it: none for M1
        assertThat(orderFindings(FindingTypes.STALL)).extracting(Finding::getOrderId).containsExactly("M2", "M3", "M4");

        send(exception("M1", false, s + 5 * 60 * MIN)); // resolved; still not released to a wave 90 min later
        watermark(s + 5 * 60 * MIN + 90 * MIN);
        Finding m1 = single(orderFindings(FindingTypes.STALL), "M1");
        assertThat(m1.getDetectedAt()).isEqualTo(s + 5 * 60 * MIN + 90 * MIN);
    }

    @Test
    void stalls_are_found_when_only_the_watermark_moves_and_only_the_learned_summary_stays_once_nobody_waits() throws Exception {
        open(null);
        long s = T0;
        send(ev("A", RELEASED, s), ev("B", RELEASED, s + 20 * MIN), ev("C", RELEASED, s + 40 * MIN));
        watermark(s + 130 * MIN); // an idle source: IdleAdvancingWatermarks moves the watermark with the clock
        assertThat(orderFindings(FindingTypes.STALL)).extracting(Finding::getOrderId).containsExactly("A", "B", "C");
        assertThat(h.numKeyedStateEntries()).isPositive();

        assertThat(orderFindings(FindingTypes.STALL)).extracting(Finding::getDetectedAt)
                .containsExactly(s + 90 * MIN, s + 110 * MIN, s + 130 * MIN);
        send(ev("A", WAVE, s + 140 * MIN), ev("B", WAVE, s + 140 * MIN), ev("C", "PICKED", s + 141 * MIN));
        watermark(s + 200 * MIN);
        assertThat(orderFindings(FindingTypes.RESOLVED)).hasSize(3);
        assertThat(h.numKeyedStateEntries()).as("keyed state: the stage's summary with its learned time, no orders").isEqualTo(1);
        assertThat(h.numEventTimeTimers()).as("timers").isZero();
    }

    @Test
    void an_order_that_never_leaves_is_forgotten_after_forget_after() throws Exception {
        open(null);
        send(ev("LOST", RELEASED, T0));
        watermark(T0 + 24 * 60 * MIN);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void out_of_order_input_a_restore_and_a_replay_give_the_same_findings_with_the_same_ids() throws Exception {
        List<FulfillmentEvent> story = blockedStory();
        open(null);
        story.forEach(this::sendUnchecked);
        watermark(T0 + 6 * 60 * MIN);
        List<String> inOrder = ids();
        assertThat(inOrder).hasSizeGreaterThan(4);
        close();

        List<FulfillmentEvent> shuffled = new ArrayList<>(story);
        Collections.shuffle(shuffled, new java.util.Random(7)); // within one watermark step: arrival order differs
        h = null;
        open(null);
        shuffled.forEach(this::sendUnchecked);
        watermark(T0 + 6 * 60 * MIN);
        assertThat(ids()).containsExactlyInAnyOrderElementsOf(inOrder);
        close();

        h = null;
        open(null);
        story.stream().filter(e -> e.getEventTime() <= T0 + 150 * MIN).forEach(this::sendUnchecked);
        watermark(T0 + 150 * MIN);
        List<String> before = ids();
        OperatorSubtaskState snapshot = h.snapshot(1L, 1L);
        close();
        h = null;
        open(snapshot);
        story.stream().filter(e -> e.getEventTime() > T0 + 150 * MIN).forEach(this::sendUnchecked);
        watermark(T0 + 6 * 60 * MIN);
        List<String> all = new ArrayList<>(before);
        all.addAll(ids());
        assertThat(all).containsExactlyInAnyOrderElementsOf(inOrder);
    }

    @Test
    void milestones_behind_the_watermark_are_dropped() throws Exception {
        open(null);
        watermark(T0 + 60 * MIN);
        send(ev("OLD", RELEASED, T0), ev("OLD2", RELEASED, T0 + MIN), ev("OLD3", RELEASED, T0 + 2 * MIN));
        watermark(T0 + 10 * 60 * MIN);
        assertThat(findings()).isEmpty();
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    @Test
    void the_state_and_the_input_record_are_flink_pojos_without_kryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(NodeStageState.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(NodeWait.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(NodeMilestone.class);
    }

    @Test
    void the_router_sends_milestones_at_watched_nodes_only_and_a_reroute_to_the_node_it_left() {
        List<NodeMilestone> out = new ArrayList<>();
        ListCollector<NodeMilestone> c = new ListCollector<>(out);
        router.flatMap(ev("X", RELEASED, T0), c);
        router.flatMap(ev("X", "INTEGRATION_CALL_FAILED", T0), c); // not a milestone
        FulfillmentEvent backorder = ev("X", "EXCEPTION_RAISED", T0);
        backorder.setErrorCode("BACKORDER");
        router.flatMap(backorder, c); // an exception that does not pause
        router.flatMap(exception("X", true, T0), c); // one that does
        FulfillmentEvent atStore = ev("Y", "STORE_PICKED", T0);
        atStore.setNodeId("ST-0001");
        router.flatMap(atStore, c); // no rule watches stores
        FulfillmentEvent reroute = ev("Z", "ORDER_REROUTED", T0);
        reroute.setNodeId("ST-0001");
        reroute.setAttributes(Map.of("from_node", DC));
        router.flatMap(reroute, c);
        assertThat(out).extracting(m -> m.key + " " + m.orderId + " " + m.departure).containsExactly(
                "4:demo/DC-NORTHEAST/RELEASED_TO_WAREHOUSE X false",
                "4:demo/DC-NORTHEAST/RELEASED_TO_WAREHOUSE X false",
                "4:demo/DC-NORTHEAST/RELEASED_TO_WAREHOUSE Z true");
        assertThat(NodeStageKeys.node(out.get(0).key)).isEqualTo(DC);
        assertThat(NodeStageKeys.stage(out.get(0).key)).isEqualTo(RELEASED);
        assertThat(NodeStageKeys.dataset(out.get(0).key)).isEqualTo("demo");
    }

    // ---- stories and plumbing ----

    /** 12 orders, one every 5 min from T0, each released to the wave 20 min later. */
    private void healthyHour() throws Exception {
        for (int i = 0; i < 12; i++) {
            send(ev("H" + i, RELEASED, T0 + i * 5 * MIN), ev("H" + i, WAVE, T0 + i * 5 * MIN + 20 * MIN));
        }
    }

    private static List<FulfillmentEvent> blockedStory() {
        List<FulfillmentEvent> story = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            story.add(ev("H" + i, RELEASED, T0 + i * 5 * MIN));
            story.add(ev("H" + i, WAVE, T0 + i * 5 * MIN + 20 * MIN));
        }
        for (int i = 0; i < 8; i++) {
            story.add(ev("B" + i, RELEASED, T0 + 70 * MIN + i * 7 * MIN));
            story.add(ev("B" + i, WAVE, T0 + 4 * 60 * MIN + i * 3 * MIN));
        }
        story.sort(java.util.Comparator.comparingLong(FulfillmentEvent::getEventTime));
        return story;
    }

    static FulfillmentEvent exception(String order, boolean raised, long t) {
        FulfillmentEvent e = ev(order, raised ? "EXCEPTION_RAISED" : "EXCEPTION_RESOLVED", t);
        e.setErrorCode("MANUAL_INTERVENTION");
        return e;
    }

    static FulfillmentEvent ev(String order, String activity, long t) {
        return FulfillmentEvent.newBuilder().setEventId(order + "-" + activity + "-" + t).setDataset("demo")
                .setOrderId(order).setActivity(activity).setEventTime(t).setIngestTime(t).setSourceSystem("WMS")
                .setChannel("WEB").setFulfillmentType("SHIP_TO_HOME").setNodeId(DC).setRegion("NORTHEAST").build();
    }

    private void open(OperatorSubtaskState restore) throws Exception {
        open(restore, STALL_RULES);
    }

    private void open(OperatorSubtaskState restore, StallRules rules) throws Exception {
        h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new NodeStageMonitor(rules.nodeRules(), rules.version())), NodeMilestone::getKey, Types.STRING);
        h.setup(new FindingSerializer());
        if (restore != null) {
            h.initializeState(restore);
        }
        h.open();
    }

    private void send(FulfillmentEvent... events) throws Exception {
        for (FulfillmentEvent e : events) {
            List<NodeMilestone> routed = new ArrayList<>();
            router.flatMap(e, new ListCollector<>(routed));
            for (NodeMilestone m : routed) {
                h.processElement(m, m.timeMs);
            }
        }
    }

    private void sendUnchecked(FulfillmentEvent e) {
        try {
            send(e);
        } catch (Exception x) {
            throw new IllegalStateException(x);
        }
    }

    private void watermark(long t) throws Exception {
        h.processWatermark(t);
    }

    private List<Finding> findings() {
        return h.extractOutputValues();
    }

    private List<Finding> findings(String type) {
        return findings().stream().filter(f -> f.getType().equals(type)).collect(Collectors.toList());
    }

    private List<Finding> orderFindings(String type) {
        return findings(type).stream().filter(f -> f.getOrderId() != null).collect(Collectors.toList());
    }

    private List<String> ids() {
        return findings().stream().map(Finding::getFindingId).collect(Collectors.toList());
    }

    private static Finding single(List<Finding> fs, String orderId) {
        List<Finding> match = fs.stream().filter(f -> java.util.Objects.equals(f.getOrderId(), orderId)).collect(Collectors.toList());
        assertThat(match).hasSize(1);
        return match.get(0);
    }
}
