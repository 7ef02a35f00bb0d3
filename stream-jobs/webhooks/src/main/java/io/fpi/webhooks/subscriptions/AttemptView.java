package io.fpi.webhooks.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One entry of the delivery log: an HTTP attempt (or the dead-lettering) of one delivery.
 *
 * @param event       attempt or dead_lettered
 * @param outcome     delivered, retry_scheduled, dead_lettered, or failed (a one-shot test or redelivery)
 * @param httpStatus  the receiver's status, null when none arrived (timeout, refused, unreachable)
 * @param error       why it failed, null on success
 * @param nextAttemptAt when the dispatcher tries again (outcome retry_scheduled), else null
 */
public record AttemptView(String deliveryId, String event, int attempt, Instant attemptedAt, String kind,
                          String idempotencyKey, int findingCount, String outcome, Integer httpStatus, long latencyMs,
                          String error, Instant nextAttemptAt, String redeliveryOf) {

    static AttemptView of(JsonNode r) {
        int status = r.get("http_status").asInt();
        long next = r.get("next_attempt_at_ms").asLong();
        String error = r.get("error").asText();
        String redeliveryOf = r.get("redelivery_of").asText();
        return new AttemptView(r.get("delivery_id").asText(), r.get("event").asText(), r.get("attempt").asInt(),
                Instant.ofEpochMilli(r.get("event_at_ms").asLong()), r.get("kind").asText(),
                r.get("idempotency_key").asText(), r.get("finding_count").asInt(), r.get("outcome").asText(),
                status == 0 ? null : status, r.get("latency_ms").asLong(), error.isEmpty() ? null : error,
                next == 0 ? null : Instant.ofEpochMilli(next), redeliveryOf.isEmpty() ? null : redeliveryOf);
    }
}
