package io.fpi.detection.nodes;

/**
 * An order waiting in a watched node stage (a value of the node stage monitor's map state, keyed by
 * order id). A Flink POJO.
 */
public class NodeWait {
    public static final long NONE = Long.MIN_VALUE;

    /** When the order reached the stage at this node. */
    public long entryMs;
    /** When its node_blocked STALL was reported, or {@link #NONE}. */
    public long reportedMs = NONE;
    public String channel;
    public String fulfillmentType;

    public NodeWait() {}

    public NodeWait(long entryMs, String channel, String fulfillmentType) {
        this.entryMs = entryMs;
        this.channel = channel;
        this.fulfillmentType = fulfillmentType;
    }
}
