package io.fpi.detection.kpi.records;

import java.util.Objects;

/**
 * One signed fact for one minute row: +1 adds it, -1 retracts a fact that an earlier contribution
 * added (an order's facts changed). The row key is (dataset, minute, channel, fulfillment type,
 * region, node). A Flink POJO.
 */
public class KpiContribution {
    public String dataset = "";
    public String channel = "";
    public String fulfillmentType = "";
    public String region = "";
    public String nodeId = "";
    /** Start of the UTC minute, epoch ms. */
    public long minuteMs;
    public Measure measure;
    public int sign = 1;
    public long value;
    /** The integration system for INTEGRATION_FAILURE; "" otherwise. */
    public String label = "";

    public KpiContribution() {}

    public KpiContribution(String dataset, String channel, String fulfillmentType, String region, String nodeId,
                           long timeMs, Measure measure, int sign, long value, String label) {
        this.dataset = orEmpty(dataset);
        this.channel = orEmpty(channel);
        this.fulfillmentType = orEmpty(fulfillmentType);
        this.region = orEmpty(region);
        this.nodeId = orEmpty(nodeId);
        this.minuteMs = minuteOf(timeMs);
        this.measure = measure;
        this.sign = sign;
        this.value = value;
        this.label = orEmpty(label);
    }

    public static long minuteOf(long timeMs) {
        return Math.floorDiv(timeMs, 60_000L) * 60_000L;
    }

    /** The same fact with the opposite sign. */
    public KpiContribution negated() {
        KpiContribution c = new KpiContribution();
        c.dataset = dataset;
        c.channel = channel;
        c.fulfillmentType = fulfillmentType;
        c.region = region;
        c.nodeId = nodeId;
        c.minuteMs = minuteMs;
        c.measure = measure;
        c.sign = -sign;
        c.value = value;
        c.label = label;
        return c;
    }

    /** Equal facts regardless of sign: a retraction and an addition of the same fact cancel. */
    public boolean sameFact(KpiContribution o) {
        return minuteMs == o.minuteMs && value == o.value && measure == o.measure && dataset.equals(o.dataset)
                && channel.equals(o.channel) && fulfillmentType.equals(o.fulfillmentType) && region.equals(o.region)
                && nodeId.equals(o.nodeId) && label.equals(o.label);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KpiContribution c && sign == c.sign && sameFact(c);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataset, nodeId, minuteMs, measure, sign, value);
    }

    @Override
    public String toString() {
        return (sign > 0 ? "+" : "-") + measure + "(" + value + (label.isEmpty() ? "" : "," + label) + ")@" + minuteMs
                + "[" + dataset + "," + channel + "," + fulfillmentType + "," + region + "," + nodeId + "]";
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
