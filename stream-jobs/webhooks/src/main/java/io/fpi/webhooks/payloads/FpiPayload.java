package io.fpi.webhooks.payloads;

import io.fpi.schemas.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FPI's native payload, version 1, described by {@code webhooks/fpi-payload.v1.schema.json}
 * (classpath of this module). Every body has the same shape whatever the event: a single finding
 * is a group of one. Additive changes keep version 1; anything else becomes version 2.
 */
public final class FpiPayload implements PayloadRenderer {
    public static final int VERSION = 1;
    public static final String SCHEMA_RESOURCE = "/webhooks/fpi-payload.v1.schema.json";

    @Override
    public byte[] render(Alert a) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", VERSION);
        body.put("event", a.kind().wire());
        body.put("status", a.resolved() ? "resolved" : "firing");
        body.put("idempotency_key", a.idempotencyKey());
        body.put("subscription_id", a.subscriptionId());
        body.put("created_at", FindingJson.iso(a.createdAtMs()));
        body.put("severity", a.severity());
        body.put("summary", Summaries.line(a));
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("key", a.groupKey());
        group.put("labels", a.groupLabels());
        group.put("count", a.count());
        group.put("window_start", a.windowStartMs() == 0 ? null : FindingJson.iso(a.windowStartMs()));
        group.put("window_end", a.windowEndMs() == 0 ? null : FindingJson.iso(a.windowEndMs()));
        List<String> ids = a.findingIds().size() > Alert.MAX_IDS ? a.findingIds().subList(0, Alert.MAX_IDS) : a.findingIds();
        group.put("finding_ids", ids);
        group.put("finding_ids_truncated", a.findingIds().size() - ids.size());
        body.put("group", group);
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : a.findings()) {
            findings.add(FindingJson.of(f));
        }
        body.put("findings", findings);
        body.put("findings_truncated", a.truncated());
        return PayloadRenderer.json(body);
    }

    @Override
    public String contentType() {
        return "application/json";
    }
}
