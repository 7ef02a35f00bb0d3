package io.fpi.detection.nodes;

/**
 * A milestone of an order at a node, routed to one watched (dataset, node, stage) key by
 * {@link NodeMilestoneRouter}. Each watched stage of a node sees every milestone at that node, since
 * any later milestone of an order waiting in the stage takes it out of the stage. A Flink POJO.
 */
public class NodeMilestone {
    /** The (dataset, node, stage) key, see {@link NodeStageKeys}. */
    public String key;
    public String orderId;
    public String activity;
    public long timeMs;
    /** True for the copy of an ORDER_REROUTED sent to the node the order left: it leaves, it does not enter. */
    public boolean departure;
    public String region;
    public String channel;
    public String fulfillmentType;

    public NodeMilestone() {}

    public NodeMilestone(String key, String orderId, String activity, long timeMs, boolean departure, String region,
                         String channel, String fulfillmentType) {
        this.key = key;
        this.orderId = orderId;
        this.activity = activity;
        this.timeMs = timeMs;
        this.departure = departure;
        this.region = region;
        this.channel = channel;
        this.fulfillmentType = fulfillmentType;
    }

    public String getKey() {
        return key;
    }

    @Override
    public String toString() {
        return key + " " + orderId + " " + activity + "@" + timeMs + (departure ? " (departure)" : "");
    }
}
