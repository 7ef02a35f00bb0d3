package io.fpi.jobs.traces.functions;

import io.fpi.schemas.FulfillmentEvent;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * Keys events by order: {@code dataset + "/" + order_id}, the same string producers use as the
 * Kafka key, so one order's events arrive in one partition and in producer order.
 */
public final class TraceKeySelector implements KeySelector<FulfillmentEvent, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(FulfillmentEvent event) {
        return of(event.getDataset(), event.getOrderId());
    }

    public static String of(String dataset, String orderId) {
        return dataset + "/" + orderId;
    }
}
