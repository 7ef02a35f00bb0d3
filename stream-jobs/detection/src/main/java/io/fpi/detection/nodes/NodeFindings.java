package io.fpi.detection.nodes;

import io.fpi.detection.findings.FindingTypes;
import io.fpi.policies.config.Durations;
import io.fpi.schemas.Finding;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a {@link NodeStageFinding} into the Finding contract.
 *
 * <p>Ids (no wall-clock time, so replays reproduce them): an order's node_blocked STALL is
 * {@code FindingTypes.id("STALL", dataset, order, stage, entry, "node_blocked")} — deliberately not
 * the order monitor's id for the same wait, which may report a threshold STALL of the same episode
 * later, with other content — and the node's own STALL (order_id null) is
 * {@code FindingTypes.id("STALL", dataset, "node", node, stage, blocked since)}; each RESOLVED is
 * {@code FindingTypes.id("RESOLVED", the STALL's id)}.
 */
public final class NodeFindings {
    public static final String REASON = "node_blocked";

    private NodeFindings() {}

    public static String orderStallId(String dataset, String orderId, String stage, long entryMs) {
        return FindingTypes.id(FindingTypes.STALL, dataset, orderId, stage, Long.toString(entryMs), REASON);
    }

    public static String nodeStallId(String dataset, String node, String stage, long blockedSinceMs) {
        return FindingTypes.id(FindingTypes.STALL, dataset, "node", node, stage, Long.toString(blockedSinceMs));
    }

    static Finding of(NodeStageFinding f, String key, NodeStageState s, NodeStageTracker tracker, String rulesVersion) {
        NodeStageRule rule = tracker.rule();
        long blockedAfter = tracker.blockedAfterMs(s);
        String dataset = NodeStageKeys.dataset(key);
        String node = NodeStageKeys.node(key);
        String stage = rule.stage();
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("reason", REASON);
        evidence.put("scope", f.orderId() == null ? "node" : "order");
        evidence.put("node_blocked_since_ms", Long.toString(f.blockedSinceMs()));
        evidence.put("waiting", Integer.toString(f.waiting()));
        if (f.lastProgressMs() != NodeStageState.NONE) {
            evidence.put("last_progress_ms", Long.toString(f.lastProgressMs()));
        }
        evidence.put("blocked_after_ms", Long.toString(blockedAfter));
        if (s.learnedCount > 0) {
            evidence.put("typical_ms", Long.toString((long) Math.exp(s.typicalLogMs)));
        }
        evidence.put("min_orders", Integer.toString(rule.minOrders()));
        evidence.put("order_idle_ms", Long.toString(rule.orderIdleMs()));
        evidence.put("thresholds_version", rulesVersion == null ? "" : rulesVersion);
        Finding.Builder b = Finding.newBuilder()
                .setDataset(dataset)
                .setStage(stage)
                .setLastActivity(stage)
                .setNodeId(node)
                .setRegion(s.region)
                .setSourceSystem(rule.responsible())
                .setDetectedAt(f.atMs())
                .setEvidence(evidence);
        String lastMove = f.lastProgressMs() == NodeStageState.NONE ? "" : "; the last order moved on "
                + Durations.format(Math.max(0, f.atMs() - f.lastProgressMs())) + " ago";
        switch (f.kind()) {
            case ORDER_STALL, ORDER_RESOLVED -> {
                NodeWait w = f.order();
                String stallId = orderStallId(dataset, f.orderId(), stage, w.entryMs);
                evidence.put("since_ms", Long.toString(w.entryMs));
                long idle = f.atMs() - w.entryMs;
                boolean stall = f.kind() == NodeStageFinding.Kind.ORDER_STALL;
                b.setFindingId(stall ? stallId : FindingTypes.id(FindingTypes.RESOLVED, stallId))
                        .setType(stall ? FindingTypes.STALL : FindingTypes.RESOLVED)
                        .setResolves(stall ? null : stallId)
                        .setOrderId(f.orderId())
                        .setSeverity(stall ? rule.severity() : FindingTypes.INFO)
                        .setIdleMs(idle)
                        .setChannel(w.channel)
                        .setFulfillmentType(w.fulfillmentType)
                        .setMessage(stall
                                ? "Order " + f.orderId() + " has been stuck at " + stage + " at " + node + " for "
                                        + Durations.format(idle) + " while the stage there is blocked: " + f.waiting()
                                        + " orders wait and none that came in after the last one to move on has left" + lastMove + "."
                                : "Order " + f.orderId() + " left " + stage + " at " + node + " after " + Durations.format(idle) + ".");
            }
            case NODE_BLOCKED, NODE_RESOLVED -> {
                String stallId = nodeStallId(dataset, node, stage, f.blockedSinceMs());
                boolean stall = f.kind() == NodeStageFinding.Kind.NODE_BLOCKED;
                b.setFindingId(stall ? stallId : FindingTypes.id(FindingTypes.RESOLVED, stallId))
                        .setType(stall ? FindingTypes.STALL : FindingTypes.RESOLVED)
                        .setResolves(stall ? null : stallId)
                        .setSeverity(stall ? rule.severity() : FindingTypes.INFO)
                        .setIdleMs(f.lastProgressMs() == NodeStageState.NONE ? null : Math.max(0, f.atMs() - f.lastProgressMs()))
                        .setMessage(stall
                                ? stage + " at " + node + " is blocked: " + f.waiting() + " orders came in after the last one"
                                        + " to move on and the oldest has waited " + Durations.format(blockedAfter) + lastMove + "."
                                : stage + " at " + node + " is moving again (blocked for "
                                        + Durations.format(f.atMs() - f.blockedSinceMs()) + ").");
            }
            default -> throw new IllegalStateException(f.kind().toString());
        }
        return b.build();
    }
}
