package io.fpi.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A row of table findings as the detection operators write it; text fields "" unless set. */
final class FindingRowBuilder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode row = JSON.createObjectNode();
    private final ArrayNode keys = JSON.createArrayNode();
    private final ArrayNode values = JSON.createArrayNode();

    FindingRowBuilder(String dataset, String findingId, String type, String orderId, Instant detectedAt) {
        row.put("dataset", dataset).put("finding_id", findingId).put("type", type).put("order_id", orderId)
                .put("detected_at_ms", detectedAt.toEpochMilli()).put("detected_date", detectedAt.toString().substring(0, 10))
                .put("severity", "warning").put("resolves", "").put("policy_id", "").put("policy_version", "")
                .put("milestone", "").putNull("deadline_ms").put("stage", "").put("last_activity", "").putNull("idle_ms")
                .put("node_id", "").put("region", "").put("channel", "").put("fulfillment_type", "").put("source_system", "")
                .put("error_code", "").put("trace_summary", "").put("message", type + " on " + orderId);
    }

    FindingRowBuilder text(String column, String value) {
        row.put(column, value);
        return this;
    }

    FindingRowBuilder number(String column, long value) {
        row.put(column, value);
        return this;
    }

    FindingRowBuilder evidence(String key, String value) {
        keys.add(key);
        values.add(value);
        return this;
    }

    String json() {
        ObjectNode out = row.deepCopy();
        out.set("evidence_keys", keys);
        out.set("evidence_values", values);
        return out.toString();
    }
}
