package io.fpi.webhooks.delivery;

import io.fpi.schemas.Finding;
import io.fpi.webhooks.payloads.Alert;
import io.fpi.webhooks.payloads.Alerts;
import io.fpi.webhooks.payloads.PayloadRenderer;
import io.fpi.webhooks.subscriptions.Subscription;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one subscription does, isolated from the others: grouping, its rate limit, its
 * retries and its receiver's health. Nothing here blocks (storage, name resolution and HTTP are
 * asynchronous), so a dead or slow receiver only fills its own queues, never another's thread.
 *
 * <p>Lifecycle of a delivery: created from findings → stored as pending (the findings' offsets
 * may then be committed) → attempted when the subscription is not backing off, has a free slot
 * (up to maxInFlight while healthy, one probe at a time after a failure) and a rate-limit token →
 * delivered, or scheduled again after the subscription's backoff, or dead-lettered once past the
 * maximum age. Beyond {@code queueCapacity} in memory, new deliveries live in ClickHouse only
 * (spilled) and are read back when the queue has drained; that is also how a restart resumes.
 */
final class SubscriptionWorker {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionWorker.class);
    private static final long SWEEP_EVERY_MS = 1_000;
    private static final long LOAD_RETRY_MS = 5_000;

    private final WorkerContext ctx;
    private Subscription sub;
    private PayloadRenderer renderer;
    private TokenBucket bucket;
    private final Grouper grouper;
    private final ArrayDeque<Delivery> ready = new ArrayDeque<>();
    private final PriorityQueue<Delivery> delayed = new PriorityQueue<>(Comparator.comparingLong(d -> d.nextAttemptAtMs));
    /** Ids of the deliveries this worker holds in memory, being stored, or in flight. */
    private final Set<String> known = new HashSet<>();
    private int inFlight;
    private int consecutiveFailures;
    private long blockedUntil;
    private boolean spilled;
    private boolean spilledWhileLoading;
    private boolean loading;
    private boolean closed;
    /** True while {@link #pump()} runs; callbacks arriving on this thread then wait their turn. */
    private boolean pumping;
    private ScheduledFuture<?> wakeup;
    private long wakeupAt = Long.MAX_VALUE;
    private long nextSweepAt;

    SubscriptionWorker(WorkerContext ctx, Subscription sub) {
        this.ctx = ctx;
        this.grouper = new Grouper(sub.grouping().windowMs(), ctx.config().maxAlertsPerMessage());
        apply(sub);
    }

    private void apply(Subscription s) {
        this.sub = s;
        this.renderer = PayloadRenderer.of(s.format(), ctx.config().externalUrl());
        if (bucket == null || bucket.perMinute() != s.rateLimitPerMinute()) {
            bucket = new TokenBucket(s.rateLimitPerMinute(), ctx.now());
        }
        grouper.setWindow(s.grouping().windowMs());
    }

    synchronized void update(Subscription s) {
        apply(s);
        pump();
    }

    synchronized Subscription subscription() {
        return sub;
    }

    /**
     * A consumed finding that matches this subscription; {@code ticket.done()} once it is durable.
     *
     * @param replayed consumed again after a restart: it goes out alone, never grouped, because it may
     *     have been sent alone (under its own id as key) before the crash
     */
    synchronized void offer(Finding f, Ticket ticket, boolean replayed) {
        if (closed) {
            return; // shutting down: the finding is not durable here, so its offset stays uncommitted
        }
        long now = ctx.now();
        Map<String, String> labels = sub.grouping().labels(f);
        if (replayed || grouper.offer(io.fpi.webhooks.subscriptions.Grouping.key(labels), labels, f, ticket, now)) {
            create(Alerts.single(sub.id(), sub.grouping(), f, now), List.of(ticket), true);
        }
        pump();
    }

    /** There may be pending deliveries in ClickHouse that are not in memory (at start, or after a spill). */
    synchronized void resumeFromStore() {
        spilled = true;
        pump();
    }

    /**
     * Creates a delivery and stores it as pending. A single finding may be sent before it is stored
     * ({@code early}): its key is the finding id, which a crash and replay reproduce exactly, so the
     * worst case is the same delivery twice under the same key; and sending then never waits for
     * ClickHouse. A grouped alert's key depends on how the findings fell into windows, which a replay
     * does not reproduce, so a group is stored first and sent only once it is durable.
     */
    private void create(Alert alert, List<Ticket> tickets, boolean early) {
        Delivery d = new Delivery(sub.id(), UUID.randomUUID().toString(), alert.kind().wire(), alert.idempotencyKey(),
                alert.findingIds(), renderer.render(alert), alert.createdAtMs(), null);
        d.tickets = tickets;
        known.add(d.deliveryId);
        if (early && ready.size() + delayed.size() + inFlight < ctx.config().queueCapacity()) {
            d.inMemory = true;
            ready.add(d);
        }
        long now = ctx.now();
        ctx.writer().write(List.of(DeliveryRepository.outboxRow(d, "pending", 0, null, now)),
                        List.of(DeliveryRepository.logRow(d, "queued", "queued", null, now, 0, null)))
                .thenRun(() -> stored(d));
    }

    /**
     * Completions usually arrive on another thread (the writer's, the HTTP client's) and are handled
     * there at once, saving a thread hop per delivery. One that completes on the pumping thread itself
     * is handed to the callback pool, so that pump() never re-enters itself.
     */
    private boolean deferIfPumping(Runnable r) {
        if (pumping) {
            ctx.callbacks().execute(r);
            return true;
        }
        return false;
    }

    private synchronized void stored(Delivery d) {
        if (deferIfPumping(() -> stored(d))) {
            return;
        }
        d.tickets.forEach(Ticket::done);
        d.tickets = null;
        if (d.inMemory) {
            return; // queued or sent already
        }
        if (closed) {
            known.remove(d.deliveryId);
            return; // stays pending in ClickHouse; the next start sends it
        }
        if (ready.size() + delayed.size() + inFlight >= ctx.config().queueCapacity()) {
            known.remove(d.deliveryId);
            spilled = true;
            spilledWhileLoading |= loading;
            return;
        }
        d.inMemory = true;
        ready.add(d);
        pump();
    }

    private void pump() {
        if (closed) {
            return;
        }
        pumping = true;
        try {
            pumpOnce();
        } finally {
            pumping = false;
        }
        loadIfDrained();
    }

    private void pumpOnce() {
        long now = ctx.now();
        for (Grouper.Batch b : grouper.due(now)) {
            create(b.ids.size() == 1 ? Alerts.single(sub.id(), sub.grouping(), b.head.get(0), now)
                    : Alerts.group(sub.id(), b.labels, b.head, b.ids, b.windowStartMs, b.windowEndMs, now), b.tickets,
                    b.ids.size() == 1);
        }
        if (now >= nextSweepAt) {
            sweepExpired(now);
            nextSweepAt = now + SWEEP_EVERY_MS;
        }
        while (!delayed.isEmpty() && delayed.peek().nextAttemptAtMs <= now) {
            ready.add(delayed.poll());
        }
        long next = Math.min(grouper.nextDeadline(), delayed.isEmpty() ? Long.MAX_VALUE : delayed.peek().nextAttemptAtMs);
        if (now < blockedUntil) {
            if (!ready.isEmpty()) {
                next = Math.min(next, blockedUntil);
            }
        } else {
            int limit = consecutiveFailures > 0 ? 1 : ctx.config().maxInFlight();
            while (!ready.isEmpty() && inFlight < limit) {
                long wait = bucket.tryAcquire(now);
                if (wait > 0) {
                    next = Math.min(next, now + wait);
                    break;
                }
                attempt(ready.poll());
            }
        }
        if (!ready.isEmpty() || !delayed.isEmpty()) {
            next = Math.min(next, nextSweepAt);
        }
        schedule(next);
    }

    private void attempt(Delivery d) {
        inFlight++;
        d.attempts++;
        HttpSender.Attempt a = new HttpSender.Attempt(sub.url(), sub.secret(), d.deliveryId, d.idempotencyKey, d.kind,
                d.attempts, d.body, d.redeliveryOf);
        ctx.sender().send(a).thenAccept(r -> attempted(d, r));
    }

    private synchronized void attempted(Delivery d, AttemptResult r) {
        if (deferIfPumping(() -> attempted(d, r))) {
            return;
        }
        inFlight--;
        long now = ctx.now();
        if (r.success()) {
            consecutiveFailures = 0;
            blockedUntil = 0;
            finish(d, record(d, r, "delivered", "delivered", 0, null, now));
        } else {
            consecutiveFailures++;
            long wait = r.retryAfter() != null ? r.retryAfter().toMillis() : ctx.retry().backoff(consecutiveFailures).toMillis();
            long next = now + wait;
            blockedUntil = Math.max(blockedUntil, next);
            if (RetryPolicy.permanentFailure(r.httpStatus()) || ctx.retry().expired(d.createdAtMs, next)) {
                String why = RetryPolicy.permanentFailure(r.httpStatus()) ? "the receiver answered 410 Gone"
                        : "gave up after " + d.attempts + " attempt(s): the next would pass the maximum age of "
                        + ctx.config().maxAge();
                finish(d, record(d, r, "dead_lettered", "dead", 0, r.error() + "; " + why, now));
                LOG.warn("webhook delivery {} to subscription {} dead-lettered: {}", d.deliveryId, d.subscriptionId, why);
            } else {
                d.nextAttemptAtMs = next;
                delayed.add(d);
                record(d, r, "retry_scheduled", "pending", next, r.error(), now);
            }
        }
        pump();
    }

    /**
     * A finished delivery stays in {@link #known} until its final state is stored: until then
     * ClickHouse still calls it pending, and a load must not bring it back for a second send.
     */
    private void finish(Delivery d, java.util.concurrent.CompletableFuture<Void> stored) {
        d.body = null;
        stored.thenRun(() -> forget(d.deliveryId));
    }

    private synchronized void forget(String deliveryId) {
        known.remove(deliveryId);
    }

    private java.util.concurrent.CompletableFuture<Void> record(Delivery d, AttemptResult r, String outcome, String state,
                                                                long nextAt, String error, long now) {
        return ctx.writer().write(List.of(DeliveryRepository.outboxRow(d, state, r == null ? 0 : r.httpStatus(), error, now)),
                List.of(DeliveryRepository.logRow(d, r == null ? "dead_lettered" : "attempt", outcome, r,
                        r == null ? now : r.startedAtMs(), nextAt, error)));
    }

    private void sweepExpired(long now) {
        for (Iterator<Delivery> it = ready.iterator(); it.hasNext(); ) {
            Delivery d = it.next();
            if (ctx.retry().expired(d.createdAtMs, now)) {
                it.remove();
                deadLetter(d, "not delivered within the maximum age of " + ctx.config().maxAge(), now);
            }
        }
        List<Delivery> expired = new ArrayList<>();
        delayed.removeIf(d -> ctx.retry().expired(d.createdAtMs, now) && expired.add(d));
        expired.forEach(d -> deadLetter(d, "not delivered within the maximum age of " + ctx.config().maxAge(), now));
    }

    private void deadLetter(Delivery d, String why, long now) {
        finish(d, record(d, null, "dead_lettered", "dead", 0, why, now));
    }

    private void schedule(long at) {
        if (at == Long.MAX_VALUE || closed || (wakeup != null && wakeupAt <= at && !wakeup.isDone())) {
            return;
        }
        if (wakeup != null) {
            wakeup.cancel(false);
        }
        wakeupAt = at;
        wakeup = ctx.timers().schedule(this::tick, Math.max(0, at - ctx.now()), TimeUnit.MILLISECONDS);
    }

    private synchronized void tick() {
        wakeupAt = Long.MAX_VALUE;
        wakeup = null;
        pump();
    }

    private void loadIfDrained() {
        if (!spilled || loading || closed || !ready.isEmpty() || !delayed.isEmpty()) {
            return;
        }
        loading = true;
        spilledWhileLoading = false;
        Set<String> exclude = new HashSet<>(known);
        int limit = Math.max(1, ctx.config().queueCapacity() / 2);
        String id = sub.id();
        ctx.loader().execute(() -> {
            try {
                loaded(ctx.repository().pending(id, limit, exclude), limit);
            } catch (RuntimeException e) {
                LOG.warn("could not read pending webhook deliveries of subscription {}: {}", id, e.getMessage());
                loadFailed();
            }
        });
    }

    private synchronized void loaded(List<Delivery> deliveries, int limit) {
        loading = false;
        spilled = spilledWhileLoading || deliveries.size() >= limit;
        if (closed) {
            return;
        }
        long now = ctx.now();
        for (Delivery d : deliveries) {
            if (!known.add(d.deliveryId)) {
                continue;
            }
            d.inMemory = true;
            if (ctx.retry().expired(d.createdAtMs, now)) {
                deadLetter(d, "not delivered within the maximum age of " + ctx.config().maxAge(), now);
            } else if (d.nextAttemptAtMs <= now) {
                ready.add(d);
            } else {
                delayed.add(d);
            }
        }
        pump();
    }

    private synchronized void loadFailed() {
        loading = false;
        if (!closed) {
            schedule(ctx.now() + LOAD_RETRY_MS);
        }
    }

    /**
     * Stops the worker. On shutdown nothing is lost: stored deliveries stay pending and held
     * findings were never acknowledged. When the subscription was deleted, its deliveries are
     * dead-lettered and its held findings acknowledged.
     */
    synchronized void close(boolean deleted) {
        closed = true;
        if (wakeup != null) {
            wakeup.cancel(false);
        }
        if (!deleted) {
            return;
        }
        long now = ctx.now();
        for (Grouper.Batch b : grouper.drain()) {
            b.tickets.forEach(Ticket::done);
        }
        List<Delivery> held = new ArrayList<>(ready);
        held.addAll(delayed);
        ready.clear();
        delayed.clear();
        held.forEach(d -> deadLetter(d, "the subscription was deleted", now));
        String id = sub.id();
        Set<String> exclude = new HashSet<>(known);
        ctx.loader().execute(() -> deadLetterStored(ctx, id, exclude));
    }

    /** Dead-letters every pending delivery of a deleted subscription still in ClickHouse. */
    static void deadLetterStored(WorkerContext ctx, String subscriptionId, Set<String> exclude) {
        try {
            List<Delivery> pending;
            Set<String> seen = new HashSet<>(exclude);
            while (!(pending = ctx.repository().pending(subscriptionId, 1000, seen)).isEmpty()) {
                long now = ctx.now();
                List<com.fasterxml.jackson.databind.node.ObjectNode> outbox = new ArrayList<>();
                List<com.fasterxml.jackson.databind.node.ObjectNode> log = new ArrayList<>();
                for (Delivery d : pending) {
                    seen.add(d.deliveryId);
                    outbox.add(DeliveryRepository.outboxRow(d, "dead", 0, "the subscription was deleted", now));
                    log.add(DeliveryRepository.logRow(d, "dead_lettered", "dead_lettered", null, now, 0,
                            "the subscription was deleted"));
                }
                ctx.writer().write(outbox, log).join();
            }
        } catch (RuntimeException e) {
            LOG.warn("could not dead-letter the pending deliveries of deleted subscription {}: {}", subscriptionId, e.getMessage());
        }
    }

    synchronized int inFlight() {
        return inFlight;
    }
}
