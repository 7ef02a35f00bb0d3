package io.fpi.detection.kpi.records;

import io.fpi.jobs.traces.records.OrderChange;
import java.util.Comparator;

/**
 * An EXCEPTION_RAISED or EXCEPTION_RESOLVED waiting for the watermark, so that one order's
 * exception events are paired in event-time order whatever their arrival order. Keeps only what
 * pairing and attribution need. A Flink POJO.
 */
public class PendingException {
    /** Event-time order; at equal times a raise goes before a resolve, so a zero-length exception pairs. */
    public static final Comparator<PendingException> EVENT_TIME_ORDER = Comparator
            .comparingLong((PendingException p) -> p.eventTimeMs).thenComparing(p -> !p.raised);

    public boolean raised;
    public String errorCode = "";
    public long eventTimeMs;
    public String dataset = "";
    public String channel = "";
    public String fulfillmentType = "";
    public String region = "";
    public String nodeId = "";

    public PendingException() {}

    public static PendingException of(OrderChange c, boolean raised) {
        PendingException p = new PendingException();
        p.raised = raised;
        p.errorCode = c.errorCode;
        p.eventTimeMs = c.eventTimeMs;
        p.dataset = c.dataset;
        p.channel = c.after.channel;
        p.fulfillmentType = c.after.fulfillmentType;
        p.region = c.after.region;
        p.nodeId = c.after.nodeId;
        return p;
    }
}
