package io.fpi.detection.findings;

import io.fpi.jobs.common.JsonRowWriter;
import io.fpi.jobs.common.RowEncoder;
import io.fpi.schemas.Finding;
import java.util.Map;
import java.util.TreeMap;

/** A {@link Finding} as a JSONEachRow line of table {@code findings} (infra/clickhouse/002_findings.up.sql). */
public final class FindingRowEncoder implements RowEncoder<Finding> {
    private static final long serialVersionUID = 1L;

    public static final String TABLE = "findings";

    @Override
    public void encode(Finding f, JsonRowWriter out) {
        Map<String, String> evidence = f.getEvidence() == null ? Map.of() : new TreeMap<>(f.getEvidence());
        out.beginRow()
                .string("dataset", f.getDataset())
                .string("finding_id", f.getFindingId())
                .string("type", f.getType())
                .string("order_id", f.getOrderId())
                .int64("detected_at_ms", f.getDetectedAt())
                .utcDate("detected_date", f.getDetectedAt())
                .string("severity", f.getSeverity())
                .string("resolves", f.getResolves())
                .string("policy_id", f.getPolicyId())
                .string("policy_version", f.getPolicyVersion())
                .string("milestone", f.getMilestone())
                .nullableInt64("deadline_ms", f.getDeadline())
                .string("stage", f.getStage())
                .string("last_activity", f.getLastActivity())
                .nullableInt64("idle_ms", f.getIdleMs())
                .string("node_id", f.getNodeId())
                .string("region", f.getRegion())
                .string("channel", f.getChannel())
                .string("fulfillment_type", f.getFulfillmentType())
                .string("source_system", f.getSourceSystem())
                .string("error_code", f.getErrorCode())
                .string("trace_summary", f.getTraceSummary())
                .string("message", f.getMessage())
                .stringArray("evidence_keys", evidence.keySet().toArray(new String[0]))
                .stringArray("evidence_values", evidence.values().toArray(new String[0]))
                .endRow();
    }
}
