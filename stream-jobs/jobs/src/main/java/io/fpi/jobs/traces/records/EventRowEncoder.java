package io.fpi.jobs.traces.records;

import io.fpi.jobs.common.JsonRowWriter;
import io.fpi.jobs.common.RowEncoder;
import io.fpi.schemas.FulfillmentEvent;
import java.util.Map;
import java.util.TreeMap;

/**
 * A raw {@link FulfillmentEvent} as a JSONEachRow line of table {@code events}: nullable strings
 * become "", attributes become key/value arrays sorted by key (so that a replayed event yields a
 * byte-identical row), sequence defaults to 0, event_date is the UTC day of event_time.
 */
public final class EventRowEncoder implements RowEncoder<FulfillmentEvent> {
    private static final long serialVersionUID = 1L;

    public static final String TABLE = "events";

    @Override
    public void encode(FulfillmentEvent e, JsonRowWriter out) {
        Map<String, String> attributes = e.getAttributes() == null ? Map.of() : new TreeMap<>(e.getAttributes());
        out.beginRow()
                .string("dataset", e.getDataset())
                .string("order_id", e.getOrderId())
                .string("event_id", e.getEventId())
                .string("activity", e.getActivity())
                .int64("event_time_ms", e.getEventTime())
                .utcDate("event_date", e.getEventTime())
                .int64("ingest_time_ms", e.getIngestTime())
                .string("source_system", e.getSourceSystem())
                .string("channel", e.getChannel())
                .string("fulfillment_type", e.getFulfillmentType())
                .string("node_id", e.getNodeId())
                .string("region", e.getRegion())
                .nullableInt64("promised_by_ms", e.getPromisedBy())
                .nullableInt32("units_ordered", e.getUnitsOrdered())
                .nullableInt32("units_fulfilled", e.getUnitsFulfilled())
                .nullableInt64("amount_minor", e.getAmountMinor())
                .nullableInt64("cost_minor", e.getCostMinor())
                .string("currency", e.getCurrency())
                .string("error_code", e.getErrorCode())
                .string("error_reason", e.getErrorReason())
                .stringArray("attr_keys", attributes.keySet().toArray(new String[0]))
                .stringArray("attr_values", attributes.values().toArray(new String[0]))
                .int64("sequence", e.getSequence() == null ? 0 : e.getSequence())
                .endRow();
    }
}
