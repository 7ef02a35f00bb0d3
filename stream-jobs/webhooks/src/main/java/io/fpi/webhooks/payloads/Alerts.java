package io.fpi.webhooks.payloads;

import io.fpi.schemas.Finding;
import io.fpi.webhooks.subscriptions.FindingTypes;
import io.fpi.webhooks.subscriptions.Grouping;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds {@link Alert}s, and their idempotency keys, from findings. */
public final class Alerts {
    private Alerts() {}

    /** One finding (or one resolve): the idempotency key is the finding id. */
    public static Alert single(String subscriptionId, Grouping grouping, Finding f, long nowMs) {
        Map<String, String> labels = grouping.labels(f);
        Alert.Kind kind = FindingTypes.RESOLVED.equals(f.getType()) ? Alert.Kind.RESOLVED : Alert.Kind.FINDING;
        return new Alert(kind, subscriptionId, f.getFindingId(), labels, Grouping.key(labels), List.of(f),
                List.of(f.getFindingId()), f.getSeverity(), 0, 0, nowMs);
    }

    /**
     * Several findings of one group. The key is a digest of the subscription and the sorted
     * finding ids, so the same group always gets the same key.
     *
     * @param head the first findings, rendered in full; {@code ids} holds all of them
     */
    public static Alert group(String subscriptionId, Map<String, String> labels, List<Finding> head, List<String> ids,
                              long windowStartMs, long windowEndMs, long nowMs) {
        String severity = null;
        for (Finding f : head) {
            if (FindingTypes.severityRank(f.getSeverity()) > FindingTypes.severityRank(severity)) {
                severity = f.getSeverity();
            }
        }
        return new Alert(Alert.Kind.GROUP, subscriptionId, groupKey(subscriptionId, ids), labels, Grouping.key(labels),
                List.copyOf(head), List.copyOf(ids), severity, windowStartMs, windowEndMs, nowMs);
    }

    static String groupKey(String subscriptionId, List<String> ids) {
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(subscriptionId.getBytes(StandardCharsets.UTF_8));
            for (String id : sorted) {
                sha.update((byte) '\n');
                sha.update(id.getBytes(StandardCharsets.UTF_8));
            }
            return "grp-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A sample SLA breach for POST /api/webhooks/{id}/test; its dataset is "test". */
    public static Alert test(String subscriptionId, Grouping grouping, long nowMs) {
        String id = "test-" + UUID.randomUUID();
        Finding sample = Finding.newBuilder()
                .setFindingId(id)
                .setType(FindingTypes.SLA_BREACH)
                .setDataset("test")
                .setOrderId("ORD-TEST-0000001")
                .setDetectedAt(nowMs)
                .setSeverity("critical")
                .setPolicyId("test-policy")
                .setPolicyVersion("1")
                .setMilestone("CARRIER_HANDOFF")
                .setDeadline(nowMs - 60_000)
                .setStage("LABEL_CREATED")
                .setLastActivity("LABEL_CREATED")
                .setNodeId("DC-TEST")
                .setRegion("TEST")
                .setChannel("WEB")
                .setFulfillmentType("SHIP_TO_HOME")
                .setSourceSystem("CARRIER")
                .setTraceSummary("ORDER_PLACED > PAYMENT_AUTHORIZED > LABEL_CREATED")
                .setMessage("Test delivery: this is a sample SLA breach, not a real finding.")
                .setEvidence(Map.of("test", "true"))
                .build();
        Map<String, String> labels = grouping.labels(sample);
        return new Alert(Alert.Kind.TEST, subscriptionId, id, labels, Grouping.key(labels), List.of(sample), List.of(id),
                "critical", 0, 0, nowMs);
    }
}
