package io.fpi.api.findings;

import java.time.Instant;
import java.util.Map;

/**
 * One finding as stored in table findings. Text fields the detection left empty are null;
 * {@code evidence} is the key/value object the detection attached (counts, thresholds, ids).
 */
public record Finding(
        String findingId,
        String type,
        String orderId,
        String dataset,
        Instant detectedAt,
        String severity,
        String resolves,
        String policyId,
        String policyVersion,
        String milestone,
        Instant deadline,
        String stage,
        String lastActivity,
        Long idleMs,
        String nodeId,
        String region,
        String channel,
        String fulfillmentType,
        String sourceSystem,
        String errorCode,
        String traceSummary,
        String message,
        Map<String, String> evidence) {
}
