package io.fpi.detection.kpi.functions;

import io.fpi.jobs.traces.functions.TraceKeySelector;
import io.fpi.jobs.traces.records.OrderChange;
import org.apache.flink.api.java.functions.KeySelector;

/** Keys order changes like the trace builder keys events: dataset + "/" + order_id. */
public class OrderKey implements KeySelector<OrderChange, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(OrderChange c) {
        return TraceKeySelector.of(c.dataset, c.orderId);
    }
}
