package io.fpi.jobs.traces.functions;

import io.fpi.schemas.FulfillmentEvent;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * Keys events by order: {@code <length of dataset>:<dataset>/<order_id>}. The length prefix makes
 * the key unambiguous when a dataset name itself contains '/' (imported logs may be named freely):
 * without it ("a/b", "c") and ("a", "b/c") would share one order's state.
 */
public final class TraceKeySelector implements KeySelector<FulfillmentEvent, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(FulfillmentEvent event) {
        return of(event.getDataset(), event.getOrderId());
    }

    public static String of(String dataset, String orderId) {
        return dataset.length() + ":" + dataset + "/" + orderId;
    }
}
