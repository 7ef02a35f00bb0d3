package io.fpi.api.orders;

import io.fpi.api.http.Cursor;
import com.fasterxml.jackson.databind.JsonNode;

/** Where a page of orders ended: the sort key (placed_at desc, order_id desc, dataset) of its last row. */
public record OrderCursor(long placedAtMs, String orderId, String dataset) {
    private static final String KIND = "orders";

    public static OrderCursor of(OrderSummary last) {
        return new OrderCursor(last.placedAt().toEpochMilli(), last.orderId(), last.dataset());
    }

    /** null for an absent cursor; a 400 for one this list did not issue. */
    public static OrderCursor parse(String raw) {
        JsonNode[] key = Cursor.decode(raw, KIND, "n", "s", "s");
        return key == null ? null : new OrderCursor(key[0].asLong(), key[1].asText(), key[2].asText());
    }

    public String encode() {
        return Cursor.encode(KIND, placedAtMs, orderId, dataset);
    }
}
