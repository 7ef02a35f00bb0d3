package io.fpi.detection.nodes;

import io.fpi.policies.calendar.NodePattern;
import java.io.Serializable;

/**
 * When a stage at a node counts as <em>blocked</em> from cross-order evidence (the
 * {@code node_stages} section of infra/sla/stalls.yaml; SLA_AND_STALLS.md, "Blocked node stages").
 *
 * <p>The stage is blocked when orders keep entering it but none that entered after the last one to
 * move on has left: at least {@code minOrders} orders entered after the <em>frontier</em> (the
 * latest entry time of an order that progressed out of the stage at this node) and the oldest of
 * them has waited {@code blockedAfterMs}. An order waiting in a blocked stage stalls once it has
 * waited {@code orderIdleMs} itself.
 *
 * @param stage the milestone orders sit at
 * @param nodes which nodes the rule watches (exact, prefix*, *)
 * @param blockedAfterMs how long the oldest order behind the frontier may wait before the stage is blocked
 * @param typicalFactor if above 0: the wait that blocks is at least this multiple of the stage's
 *     typical time at the node, learned from the orders that progressed (a peak slows everyone)
 * @param minOrders how many orders must be waiting behind the frontier (one slow order is not a blocked node)
 * @param orderIdleMs an order in a blocked stage is reported once it has waited this long
 * @param forgetAfterMs an order that never leaves (lost, moved without a trace) is forgotten this long after it entered
 * @param responsible the system expected to act (source_system of findings), or null
 * @param severity info, warning or critical
 */
public record NodeStageRule(
        String stage,
        NodePattern nodes,
        long blockedAfterMs,
        double typicalFactor,
        int minOrders,
        long orderIdleMs,
        long forgetAfterMs,
        String responsible,
        String severity,
        String description) implements Serializable {

    public boolean matches(String nodeId) {
        return nodeId != null && nodes.matches(nodeId);
    }
}
