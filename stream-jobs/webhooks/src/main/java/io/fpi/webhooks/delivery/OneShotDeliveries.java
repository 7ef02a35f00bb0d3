package io.fpi.webhooks.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fpi.webhooks.subscriptions.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Deliveries made on request, outside the dispatcher (POST .../test and .../redeliver): one signed
 * attempt, now, with the same timeouts and target checks as the dispatcher, recorded in the same
 * delivery log. No retries: the caller sees the outcome and can ask again.
 */
public final class OneShotDeliveries implements AutoCloseable {
    private final DeliveryRepository repository;
    private final HttpSender sender;

    public record Result(String deliveryId, String kind, String idempotencyKey, int findingCount, String redeliveryOf,
                         AttemptResult attempt) {
        public String outcome() {
            return attempt.success() ? "delivered" : "failed";
        }
    }

    public OneShotDeliveries(DeliveryRepository repository, HttpSender sender) {
        this.repository = repository;
        this.sender = sender;
    }

    public Result send(Subscription s, String kind, String idempotencyKey, List<String> findingIds, byte[] body,
                       String redeliveryOf) {
        Delivery d = new Delivery(s.id(), UUID.randomUUID().toString(), kind, idempotencyKey, findingIds, body,
                System.currentTimeMillis(), redeliveryOf);
        d.attempts = 1;
        AttemptResult r = sender.send(new HttpSender.Attempt(s.url(), s.secret(), d.deliveryId, d.idempotencyKey, d.kind,
                1, body, d.redeliveryOf)).join();
        long now = System.currentTimeMillis();
        String outcome = r.success() ? "delivered" : "failed";
        List<ObjectNode> log = new ArrayList<>();
        log.add(DeliveryRepository.logRow(d, "queued", "queued", null, d.createdAtMs, 0, null));
        log.add(DeliveryRepository.logRow(d, "attempt", outcome, r, r.startedAtMs(), 0, r.error()));
        repository.insert(List.of(DeliveryRepository.outboxRow(d, outcome, r.httpStatus(), r.error(), now)), log);
        return new Result(d.deliveryId, kind, idempotencyKey, findingIds.size(), d.redeliveryOf.isEmpty() ? null : d.redeliveryOf, r);
    }

    @Override
    public void close() {
        sender.close();
    }
}
