package io.fpi.webhooks.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches the dispatcher's ClickHouse writes: at most one insert per table per flush interval,
 * however many deliveries are in flight (ClickHouse wants few large inserts, not one per row). A
 * write's future completes once its rows are stored. While ClickHouse is unreachable the batch is
 * retried with backoff and nothing completes, which holds back both sending (a delivery is only
 * attempted once it is durable) and offset commits: an outage delays webhooks but loses none.
 */
final class DeliveryWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWriter.class);
    private static final int MAX_BATCH = 20_000;
    private static final long SLOW_MS = 5_000;

    private record Write(List<ObjectNode> outbox, List<ObjectNode> log, CompletableFuture<Void> done) {}

    private final DeliveryRepository repository;
    private final long flushIntervalMs;
    private final LinkedBlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final java.util.concurrent.ExecutorService second = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fpi-webhook-writer-log");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closing;

    DeliveryWriter(DeliveryRepository repository, Duration flushInterval) {
        this.repository = repository;
        this.flushIntervalMs = flushInterval.toMillis();
        this.thread = new Thread(this::loop, "fpi-webhook-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    CompletableFuture<Void> write(List<ObjectNode> outboxRows, List<ObjectNode> logRows) {
        Write w = new Write(outboxRows, logRows, new CompletableFuture<>());
        queue.add(w);
        return w.done;
    }

    private void loop() {
        long lastFlush = 0;
        while (true) {
            List<Write> batch = new ArrayList<>();
            try {
                Write first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                long wait = lastFlush + flushIntervalMs - System.currentTimeMillis();
                if (wait > 0 && !closing) {
                    Thread.sleep(wait); // let more rows join this insert
                }
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH);
            lastFlush = System.currentTimeMillis();
            store(batch);
        }
    }

    private void store(List<Write> batch) {
        // Only the newest state of a delivery matters (the table keeps the highest version anyway):
        // a delivery created and finished within one flush costs one outbox row, not two.
        java.util.Map<String, ObjectNode> newest = new java.util.LinkedHashMap<>();
        List<ObjectNode> log = new ArrayList<>();
        for (Write w : batch) {
            for (ObjectNode row : w.outbox) {
                newest.put(row.get("subscription_id").asText() + '\u0000' + row.get("delivery_id").asText(), row);
            }
            log.addAll(w.log);
        }
        List<ObjectNode> outbox = new ArrayList<>(newest.values());
        long backoff = 500;
        while (true) {
            try {
                long t0 = System.nanoTime();
                // Both tables at once: the flush takes as long as the slower insert, not the sum.
                CompletableFuture<Void> logDone = CompletableFuture.runAsync(() -> repository.insertLog(log), second);
                repository.insertOutbox(outbox);
                logDone.join();
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (ms > SLOW_MS) {
                    LOG.warn("storing {} webhook delivery rows took {} ms: ClickHouse is slow, deliveries wait for it",
                            outbox.size() + log.size(), ms);
                }
                batch.forEach(w -> w.done.complete(null));
                return;
            } catch (RuntimeException e) {
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                e = cause instanceof RuntimeException re ? re : e;
                if (closing && Thread.currentThread().isInterrupted()) {
                    return;
                }
                LOG.warn("could not store {} webhook delivery rows, retrying in {} ms: {}", outbox.size() + log.size(),
                        backoff, e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return; // closing with ClickHouse down: these rows are lost, their findings replay from Kafka
                }
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
    }

    /** Stores everything queued so far (waiting up to {@code timeout}), then stops. */
    void close(Duration timeout) {
        closing = true;
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        second.shutdown();
        if (thread.isAlive()) {
            LOG.warn("webhook delivery rows still unstored after {}; stopping anyway (undelivered findings replay from Kafka)",
                    timeout);
            thread.interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
