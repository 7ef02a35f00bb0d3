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
    /** Its own wait counts from here: the entry, or the resolution of a pausing exception. */
    public long clockMs;
    /** Since when a pausing exception is open (someone works on the order), or {@link #NONE}. */
    public long pausedMs = NONE;
    /** Its STALL came due while paused: it is due again order_idle after the resolution. */
    public boolean deferred;
    public String channel;
    public String fulfillmentType;

    public NodeWait() {}

    public NodeWait(long entryMs, String channel, String fulfillmentType) {
        this.entryMs = entryMs;
        this.clockMs = entryMs;
        this.channel = channel;
        this.fulfillmentType = fulfillmentType;
    }
}
