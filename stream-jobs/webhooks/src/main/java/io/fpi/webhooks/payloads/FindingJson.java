package io.fpi.webhooks.payloads;

import io.fpi.schemas.Finding;
import io.fpi.webhooks.subscriptions.FindingTypes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A finding as JSON-ready map: snake_case, instants as ISO-8601 UTC, nulls kept. */
final class FindingJson {
    private FindingJson() {}

    static Map<String, Object> of(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("finding_id", f.getFindingId());
        m.put("type", f.getType());
        m.put("dataset", f.getDataset());
        m.put("order_id", f.getOrderId());
        m.put("detected_at", iso(f.getDetectedAt()));
        m.put("severity", f.getSeverity());
        m.put("resolves", f.getResolves());
        m.put("resolves_type", FindingTypes.RESOLVED.equals(f.getType()) ? FindingTypes.resolvedType(f) : null);
        m.put("policy_id", f.getPolicyId());
        m.put("policy_version", f.getPolicyVersion());
        m.put("milestone", f.getMilestone());
        m.put("deadline", f.getDeadline() == null ? null : iso(f.getDeadline()));
        m.put("stage", f.getStage());
        m.put("last_activity", f.getLastActivity());
        m.put("idle_ms", f.getIdleMs());
        m.put("node_id", f.getNodeId());
        m.put("region", f.getRegion());
        m.put("channel", f.getChannel());
        m.put("fulfillment_type", f.getFulfillmentType());
        m.put("source_system", f.getSourceSystem());
        m.put("error_code", f.getErrorCode());
        m.put("trace_summary", f.getTraceSummary());
        m.put("message", f.getMessage());
        m.put("evidence", f.getEvidence() == null ? Map.of() : new TreeMap<>(f.getEvidence()));
        return m;
    }

    static String iso(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }
}
