package io.fpi.webhooks.delivery;

import io.fpi.schemas.Finding;
import io.fpi.schemas.FindingCodec;
import io.fpi.webhooks.WebhookConfig;
import io.fpi.webhooks.subscriptions.SubscriptionRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop over fpi.findings: decodes each finding, hands it to the worker of every
 * enabled subscription it matches, commits offsets as far as findings are durable
 * ({@link OffsetTracker}), re-reads the subscriptions now and then, and pauses the partitions
 * when too many findings are still unhandled. Owns the KafkaConsumer; nothing else touches it.
 *
 * <p>Replays after a restart: findings between the committed offset and the end offset seen at
 * assignment may have been handled by the run before. Those with a stored delivery for a
 * subscription are skipped for it; the others go out one by one, never grouped, since the run
 * before may have sent them alone (under their own id as key) without having stored them yet.
 * Pending deliveries themselves resume from ClickHouse.
 */
final class Dispatcher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int RECENT_IDS = 200_000;

    private final Consumer<byte[], byte[]> consumer;
    private final WebhookConfig config;
    private final WorkerContext ctx;
    private final SubscriptionRepository subscriptions;
    private final Registry registry;
    private final OffsetTracker tracker = new OffsetTracker();
    private final FindingCodec codec = new FindingCodec();
    private final Map<TopicPartition, Long> replayEnd = new HashMap<>();
    /** Finding ids seen lately: a finding published twice (a detection replay) is dispatched once. */
    private final Map<String, Boolean> recent = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENT_IDS;
        }
    };
    private volatile boolean running = true;
    private volatile boolean started;
    private boolean paused;
    private long nextCommit;
    private long nextRefresh;
    private long lastRefreshWarning;

    Dispatcher(Consumer<byte[], byte[]> consumer, WebhookConfig config, WorkerContext ctx, SubscriptionRepository subscriptions) {
        this.consumer = consumer;
        this.config = config;
        this.ctx = ctx;
        this.subscriptions = subscriptions;
        this.registry = new Registry(ctx);
    }

    /** Loads the subscriptions and resumes their pending deliveries; called before {@link #run()}. */
    void init() {
        registry.refresh(subscriptions.list(), true);
        registry.deadLetterOrphans(ctx.repository().subscriptionsWithPending());
        nextRefresh = System.currentTimeMillis() + config.refreshInterval().toMillis();
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(config.findingsTopic()), new Rebalance());
        started = true;
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (!records.isEmpty()) {
                    dispatch(records);
                }
                long now = System.currentTimeMillis();
                backpressure();
                if (now >= nextCommit) {
                    commit();
                    nextCommit = now + config.commitInterval().toMillis();
                }
                if (now >= nextRefresh) {
                    refresh();
                    nextRefresh = now + config.refreshInterval().toMillis();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("webhook dispatcher stopped consuming: {}", e.toString(), e);
        }
    }

    private void dispatch(ConsumerRecords<byte[], byte[]> records) {
        List<Finding> findings = new ArrayList<>(records.count());
        List<String> replayedIds = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Finding f = decode(r);
            findings.add(f);
            if (f != null && replayed(r)) {
                replayedIds.add(f.getFindingId());
            }
        }
        Set<String> stored = replayedIds.isEmpty() ? Set.of() : storedPairs(replayedIds);
        int i = 0;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Finding f = findings.get(i++);
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            if (f == null || recent.put(f.getDataset() + "/" + f.getFindingId(), Boolean.TRUE) != null) {
                tracker.register(tp, r.offset(), 0);
                continue;
            }
            List<SubscriptionWorker> targets = registry.matching(f);
            if (!stored.isEmpty()) {
                targets.removeIf(w -> stored.contains(DeliveryRepository.pair(w.subscription().id(), f.getFindingId())));
            }
            Ticket t = tracker.register(tp, r.offset(), targets.size());
            boolean replayed = replayed(r);
            for (SubscriptionWorker w : targets) {
                w.offer(f, t, replayed);
            }
        }
    }

    /** Below the end offset seen when the partition was assigned: possibly handled by an earlier run. */
    private boolean replayed(ConsumerRecord<byte[], byte[]> r) {
        Long end = replayEnd.get(new TopicPartition(r.topic(), r.partition()));
        return end != null && r.offset() < end;
    }

    private Finding decode(ConsumerRecord<byte[], byte[]> r) {
        try {
            return r.value() == null ? null : codec.decode(r.value());
        } catch (Exception e) {
            LOG.warn("skipping undecodable record at {}-{} offset {}: {}", r.topic(), r.partition(), r.offset(), e.toString());
            return null;
        }
    }

    /** Blocks until ClickHouse answers: a wrong answer here would mean duplicates under new keys. */
    private Set<String> storedPairs(List<String> ids) {
        long backoff = 500;
        while (running) {
            try {
                return ctx.repository().queuedPairs(ids);
            } catch (RuntimeException e) {
                LOG.warn("could not check replayed findings against stored deliveries, retrying: {}", e.getMessage());
                sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
        return Set.of();
    }

    private void backpressure() {
        int outstanding = tracker.outstanding();
        if (!paused && outstanding > config.maxOutstanding()) {
            consumer.pause(consumer.assignment());
            paused = true;
            LOG.info("{} findings not yet durable; pausing consumption", outstanding);
        } else if (paused && outstanding <= config.maxOutstanding() / 2) {
            consumer.resume(consumer.paused());
            paused = false;
        }
    }

    void commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable();
        offsets.keySet().retainAll(consumer.assignment());
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, Duration.ofSeconds(10));
            tracker.committed(offsets);
        } catch (RuntimeException e) {
            LOG.warn("offset commit failed (the findings will be checked again after a restart): {}", e.toString());
        }
    }

    private void refresh() {
        try {
            registry.refresh(subscriptions.list(), false);
        } catch (RuntimeException e) {
            long now = System.currentTimeMillis();
            if (now - lastRefreshWarning > 60_000) {
                LOG.warn("could not re-read webhook subscriptions (keeping the last known ones): {}", e.getMessage());
                lastRefreshWarning = now;
            }
        }
    }

    /** Re-reads subscriptions at the next loop turn (tests and the API's create call this for speed). */
    void refreshSoon() {
        nextRefresh = 0;
    }

    boolean started() {
        return started;
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    Collection<SubscriptionWorker> workers() {
        return registry.workers();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commit();
            tracker.forget(partitions);
            partitions.forEach(replayEnd::remove);
        }

        /**
         * A partition this group consumed before (it has a committed offset) may replay findings an
         * earlier run already handled, up to its current end. A partition never consumed before is
         * marked as started at once (its position committed), so that a crash in this very first run
         * is recognised as such by the next one.
         */
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions));
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> first = new HashMap<>();
            for (TopicPartition tp : partitions) {
                if (committed.get(tp) != null) {
                    replayEnd.put(tp, ends.get(tp));
                } else {
                    first.put(tp, new OffsetAndMetadata(consumer.position(tp)));
                }
            }
            if (!first.isEmpty()) {
                consumer.commitSync(first);
            }
        }
    }
}
