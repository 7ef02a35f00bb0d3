package io.fpi.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;

/** A row of the events table. */
final class EventRowBuilder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode row = JSON.createObjectNode();

    EventRowBuilder(String dataset, String orderId, String eventId, String activity, Instant at, long sequence,
                    String sourceSystem) {
        row.put("dataset", dataset).put("order_id", orderId).put("event_id", eventId).put("activity", activity)
                .put("event_time_ms", at.toEpochMilli()).put("event_date", at.atZone(ZoneOffset.UTC).toLocalDate().toString())
                .put("ingest_time_ms", at.toEpochMilli() + 1_000).put("source_system", sourceSystem)
                .put("channel", "web").put("fulfillment_type", "ship_to_home").put("node_id", "DC-1").put("region", "EU")
                .putNull("promised_by_ms").putNull("units_ordered").putNull("units_fulfilled").putNull("amount_minor")
                .putNull("cost_minor").put("currency", "EUR").put("error_code", "").put("error_reason", "")
                .put("sequence", sequence);
        row.putArray("attr_keys");
        row.putArray("attr_values");
    }

    EventRowBuilder error(String code, String reason) {
        row.put("error_code", code).put("error_reason", reason);
        return this;
    }

    EventRowBuilder attribute(String key, String value) {
        row.withArray("attr_keys").add(key);
        row.withArray("attr_values").add(value);
        return this;
    }

    String json() {
        return row.toString();
    }
}
