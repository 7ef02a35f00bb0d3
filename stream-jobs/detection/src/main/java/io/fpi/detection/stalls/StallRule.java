package io.fpi.detection.stalls;

import io.fpi.policies.calendar.NodePattern;
import java.io.Serializable;

/**
 * How long an order may sit in one stage (its last milestone) before it counts as stalled, for
 * the orders the rule matches: stage × fulfillment type × node pattern (infra/sla/stalls.yaml; format
 * and defaults in stream-jobs/detection/SLA_AND_STALLS.md).
 *
 * @param fulfillmentType null for any type
 * @param thresholdMs idle time allowed, measured on {@link #clock()} from the stage's start (or from
 *     the resolution of an exception that paused it)
 * @param responsible the system expected to act next (finding's source_system); failures of this
 *     system count towards {@link #blockedByFailures()}; null: the system of the stage's milestone
 * @param severity the finding's severity on the wire: info, warning or critical
 * @param blockedByFailures 0: off; else after this many INTEGRATION_CALL_FAILED of the responsible
 *     system within the stage the order is "blocked" and stalls once it has been idle for
 *     {@code blockedAfterMs} (usually far less than the threshold)
 * @param retryGraceMs a failure blocks only once it has gone this long without a retry (0: at once),
 *     so a glitch retried within minutes never stalls an order that happens to have waited long
 */
public record StallRule(
        String stage,
        String fulfillmentType,
        NodePattern nodes,
        long thresholdMs,
        StallClock clock,
        String responsible,
        String severity,
        int blockedByFailures,
        long blockedAfterMs,
        long retryGraceMs,
        String description) implements Serializable {

    /** Higher wins: an exact fulfillment type beats "*", then the more specific node pattern. */
    long specificity() {
        return ((fulfillmentType != null ? 1L : 0L) << 40) | (nodes.specificity() & 0xffffffffL);
    }

    boolean matches(String type, String nodeId) {
        return (fulfillmentType == null || fulfillmentType.equals(type)) && nodes.matches(nodeId);
    }
}
