package io.fpi.jobs.traces.records;

import java.util.Objects;

/**
 * What KPIs need to know about one order, as a pure function of its event set (computed by
 * {@code TraceRows.facts} from the same state and with the same rules as the trace row, so the
 * two never disagree). Strings are "" rather than null, as in the trace row.
 *
 * <p>A Flink POJO: public fields, no-arg constructor.
 */
public class OrderFacts {
    public String channel = "";
    public String fulfillmentType = "";
    public String region = "";
    /** The fulfilling node: the last ORDER_SOURCED/ORDER_REROUTED's, else the first carried one. */
    public String nodeId = "";
    /** ORDER_PLACED's time, else the first event's. */
    public long placedAtMs;
    /** OrderStatus.wireName() of the last closing event, or open. */
    public String status = "";
    /** Time of the first closing event; null while open. */
    public Long completedAtMs;
    /** completedAtMs - placedAtMs; null while open. */
    public Long cycleTimeMs;
    public Integer unitsOrdered;
    public Integer unitsFulfilled;
    /** Sum of cost_minor over the order's events; null when none carried a cost. */
    public Long costMinor;
    /** Time of the first RETURN_INITIATED, or null. */
    public Long returnInitiatedMs;
    /** Time of the first REFUND_ISSUED, or null. */
    public Long refundIssuedMs;

    public OrderFacts() {}

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OrderFacts f)) {
            return false;
        }
        return placedAtMs == f.placedAtMs && Objects.equals(channel, f.channel)
                && Objects.equals(fulfillmentType, f.fulfillmentType) && Objects.equals(region, f.region)
                && Objects.equals(nodeId, f.nodeId) && Objects.equals(status, f.status)
                && Objects.equals(completedAtMs, f.completedAtMs) && Objects.equals(cycleTimeMs, f.cycleTimeMs)
                && Objects.equals(unitsOrdered, f.unitsOrdered) && Objects.equals(unitsFulfilled, f.unitsFulfilled)
                && Objects.equals(costMinor, f.costMinor) && Objects.equals(returnInitiatedMs, f.returnInitiatedMs)
                && Objects.equals(refundIssuedMs, f.refundIssuedMs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodeId, placedAtMs, status, completedAtMs);
    }

    @Override
    public String toString() {
        return "OrderFacts[" + channel + "," + fulfillmentType + "," + region + "," + nodeId + " placed=" + placedAtMs
                + " " + status + " completed=" + completedAtMs + " cycle=" + cycleTimeMs + " units=" + unitsOrdered
                + "/" + unitsFulfilled + " cost=" + costMinor + " return=" + returnInitiatedMs + " refund=" + refundIssuedMs + "]";
    }
}
