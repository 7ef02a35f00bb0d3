package io.fpi.webhooks;

import io.fpi.schemas.Finding;
import java.util.Map;

/** Findings as the detection operators publish them, for stories in tests. */
public final class TestFindings {
    public static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private TestFindings() {}

    public static Finding stall(String id, String dataset, String region, String node) {
        return base(id, "STALL", dataset, "warning")
                .setOrderId("ORD-" + id).setRegion(region).setNodeId(node).setStage("LABEL_CREATED")
                .setLastActivity("LABEL_CREATED").setIdleMs(3_600_000L).setSourceSystem("CARRIER")
                .setFulfillmentType("SHIP_TO_HOME").setMessage("Order ORD-" + id + " stalled after LABEL_CREATED for 1 h")
                .build();
    }

    public static Finding breach(String id, String dataset, String severity) {
        return base(id, "SLA_BREACH", dataset, severity)
                .setOrderId("ORD-" + id).setRegion("NORTHEAST").setNodeId("DC-NORTHEAST").setMilestone("CARRIER_HANDOFF")
                .setDeadline(T0 - 60_000).setPolicyId("p-sth").setPolicyVersion("1").setFulfillmentType("SHIP_TO_HOME")
                .setMessage("Order ORD-" + id + " missed CARRIER_HANDOFF").build();
    }

    public static Finding resolved(String id, Finding original) {
        return base(id, "RESOLVED", original.getDataset(), "info")
                .setResolves(original.getFindingId()).setOrderId(original.getOrderId()).setRegion(original.getRegion())
                .setNodeId(original.getNodeId()).setFulfillmentType(original.getFulfillmentType())
                .setMessage("Order " + original.getOrderId() + " moved again").build();
    }

    private static Finding.Builder base(String id, String type, String dataset, String severity) {
        return Finding.newBuilder().setFindingId(id).setType(type).setDataset(dataset).setDetectedAt(T0)
                .setSeverity(severity).setMessage("").setEvidence(Map.of());
    }
}
