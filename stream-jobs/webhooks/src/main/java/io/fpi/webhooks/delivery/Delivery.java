package io.fpi.webhooks.delivery;

import java.util.List;

/**
 * One alert on its way to one subscription: created once (and stored as pending before its first
 * attempt), then attempted until delivered or dead-lettered. Mutable fields belong to the worker
 * of its subscription and are changed under that worker's lock.
 */
public final class Delivery {
    final String subscriptionId;
    final String deliveryId;
    final String kind;
    final String idempotencyKey;
    final List<String> findingIds;
    final long createdAtMs;
    final String redeliveryOf;
    /** Null while the delivery lives only in ClickHouse (spilled); reloaded with it. */
    byte[] body;
    int attempts;
    long nextAttemptAtMs;
    /** Held by its worker (queued, delayed or in flight), as opposed to living in ClickHouse only. */
    boolean inMemory;
    /** The consumed findings waiting for this delivery to become durable; null afterwards. */
    List<Ticket> tickets;

    Delivery(String subscriptionId, String deliveryId, String kind, String idempotencyKey, List<String> findingIds,
             byte[] body, long createdAtMs, String redeliveryOf) {
        this.subscriptionId = subscriptionId;
        this.deliveryId = deliveryId;
        this.kind = kind;
        this.idempotencyKey = idempotencyKey;
        this.findingIds = List.copyOf(findingIds);
        this.body = body;
        this.createdAtMs = createdAtMs;
        this.nextAttemptAtMs = createdAtMs;
        this.redeliveryOf = redeliveryOf == null ? "" : redeliveryOf;
    }

    public String deliveryId() {
        return deliveryId;
    }

    public String subscriptionId() {
        return subscriptionId;
    }

    @Override
    public String toString() {
        return "Delivery[" + deliveryId + " to " + subscriptionId + ", " + kind + ", " + findingIds.size()
                + " finding(s), attempts " + attempts + "]";
    }
}
