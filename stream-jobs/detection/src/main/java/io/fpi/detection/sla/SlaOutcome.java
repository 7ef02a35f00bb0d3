package io.fpi.detection.sla;

/**
 * One SLA milestone of one order that came due: emitted once per (order, policy, milestone) when
 * the milestone happens or its deadline passes, whichever is first in event time. The KPI
 * operators count them as SLA adherence (met / due) in the minute of {@link #decidedAtMs}.
 * A Flink POJO: public fields, no-arg constructor.
 */
public class SlaOutcome {
    public String dataset;
    public String orderId;
    public String policyId;
    public String milestone;
    public long deadlineMs;
    /** Event time at which it was decided: the milestone's time if met, else the deadline. */
    public long decidedAtMs;
    public boolean met;
    public String channel;
    public String fulfillmentType;
    public String region;
    public String nodeId;

    public SlaOutcome() {}

    public SlaOutcome(String dataset, String orderId, String policyId, String milestone, long deadlineMs,
                      long decidedAtMs, boolean met, String channel, String fulfillmentType, String region, String nodeId) {
        this.dataset = dataset;
        this.orderId = orderId;
        this.policyId = policyId;
        this.milestone = milestone;
        this.deadlineMs = deadlineMs;
        this.decidedAtMs = decidedAtMs;
        this.met = met;
        this.channel = channel;
        this.fulfillmentType = fulfillmentType;
        this.region = region;
        this.nodeId = nodeId;
    }

    @Override
    public String toString() {
        return "SlaOutcome[" + dataset + "/" + orderId + " " + policyId + "." + milestone + (met ? " met" : " missed")
                + " at " + decidedAtMs + ", deadline " + deadlineMs + "]";
    }
}
