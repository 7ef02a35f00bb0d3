package io.fpi.webhooks.subscriptions;

import java.util.List;

/** GET /api/webhooks/{id}/deliveries: the subscription's attempts, newest first. */
public record DeliveryLog(String subscriptionId, int count, List<AttemptView> deliveries) {
}
