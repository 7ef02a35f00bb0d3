package io.fpi.jobs.traces.records;

/**
 * One new (non-duplicate) event folded into an order's trace, with the order's facts before and
 * after it. Emitted by the trace builder on its {@code ORDER_CHANGES} side output, for the KPI
 * operators: facts that change are retracted as {@link #before} and re-added as {@link #after},
 * so per-minute sums stay exact when a late event moves a time or a dimension. {@link #before}
 * is null for the first event of a trace.
 *
 * <p>Only the event fields KPIs read are copied (a FulfillmentEvent inside a POJO would need
 * Avro type information). A Flink POJO.
 */
public class OrderChange {
    public String dataset;
    public String orderId;
    public String activity;
    public long eventTimeMs;
    /** "" when the event had none. */
    public String sourceSystem = "";
    /** "" when the event had none. */
    public String errorCode = "";
    public OrderFacts before;
    public OrderFacts after;

    public OrderChange() {}

    public OrderChange(String dataset, String orderId, String activity, long eventTimeMs, String sourceSystem,
                       String errorCode, OrderFacts before, OrderFacts after) {
        this.dataset = dataset;
        this.orderId = orderId;
        this.activity = activity;
        this.eventTimeMs = eventTimeMs;
        this.sourceSystem = sourceSystem == null ? "" : sourceSystem;
        this.errorCode = errorCode == null ? "" : errorCode;
        this.before = before;
        this.after = after;
    }

    @Override
    public String toString() {
        return "OrderChange[" + dataset + "/" + orderId + " " + activity + "@" + eventTimeMs + " " + sourceSystem
                + (errorCode.isEmpty() ? "" : " " + errorCode) + " before=" + before + " after=" + after + "]";
    }
}
