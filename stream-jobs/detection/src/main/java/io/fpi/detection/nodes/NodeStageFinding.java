package io.fpi.detection.nodes;

/**
 * What the {@link NodeStageTracker} reports; {@link NodeFindings} turns it into a Finding.
 *
 * @param kind what happened
 * @param orderId the order, or null for the node-level kinds
 * @param order the order's wait (entry, channel, type), or null for the node-level kinds
 * @param atMs event time of the detection (or of the move that resolves it)
 * @param blockedSinceMs the blocked episode the detection belongs to (its start); for ORDER_RESOLVED the order's report time
 * @param waiting orders waiting behind the frontier (node kinds) or in the stage (order kinds)
 * @param lastProgressMs when an order last progressed out of the stage at this node, or NONE
 */
public record NodeStageFinding(Kind kind, String orderId, NodeWait order, long atMs, long blockedSinceMs, int waiting,
                               long lastProgressMs) {
    public enum Kind {
        /** An order has waited order_idle in a stage that was blocked while it waited. */
        ORDER_STALL,
        /** A reported order left the stage. */
        ORDER_RESOLVED,
        /** The stage at the node became blocked. */
        NODE_BLOCKED,
        /** It is no longer blocked: an order that entered after the blocking ones progressed, or nobody waits. */
        NODE_RESOLVED
    }
}
