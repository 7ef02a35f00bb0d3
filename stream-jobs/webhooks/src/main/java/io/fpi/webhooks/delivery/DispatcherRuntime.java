package io.fpi.webhooks.delivery;

import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.webhooks.WebhookConfig;
import io.fpi.webhooks.safety.SecretCipher;
import io.fpi.webhooks.safety.TargetPolicy;
import io.fpi.webhooks.subscriptions.SubscriptionRepository;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running dispatcher: consumer thread, workers, writer, sender and their pools, started and
 * stopped in the order that loses nothing. Used through {@link io.fpi.webhooks.WebhookService}.
 */
public final class DispatcherRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DispatcherRuntime.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final WorkerContext ctx;
    private final Dispatcher dispatcher;
    private final Thread thread;

    private DispatcherRuntime(KafkaConsumer<byte[], byte[]> consumer, WorkerContext ctx, Dispatcher dispatcher) {
        this.consumer = consumer;
        this.ctx = ctx;
        this.dispatcher = dispatcher;
        this.thread = new Thread(dispatcher, "fpi-webhook-dispatcher");
    }

    public static DispatcherRuntime start(ClickHouseClient clickHouse, String kafkaBootstrap, WebhookConfig config) {
        DeliveryRepository repository = new DeliveryRepository(clickHouse);
        WorkerContext ctx = new WorkerContext(config,
                new RetryPolicy(config.retryBase(), config.retryMaxBackoff(), config.maxAge()),
                new DeliveryWriter(repository, config.flushInterval()), repository,
                new HttpSender(config.connectTimeout(), config.readTimeout(), TargetPolicy.of(config.allowedHosts())),
                Executors.newScheduledThreadPool(1, daemon("fpi-webhook-timer")),
                Executors.newFixedThreadPool(2, daemon("fpi-webhook-callback")),
                Executors.newFixedThreadPool(2, daemon("fpi-webhook-loader")));
        SubscriptionRepository subscriptions = new SubscriptionRepository(clickHouse,
                SecretCipher.load(config.secretKey(), config.secretKeyFile()));
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(kafkaBootstrap, config));
        Dispatcher dispatcher = new Dispatcher(consumer, config, ctx, subscriptions);
        try {
            dispatcher.init();
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            shutdown(ctx, Duration.ZERO);
            throw e;
        }
        DispatcherRuntime runtime = new DispatcherRuntime(consumer, ctx, dispatcher);
        runtime.thread.start();
        return runtime;
    }

    static Properties consumerProperties(String bootstrap, WebhookConfig config) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.consumerGroup());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "fpi-webhooks");
        // Static membership: a restarted dispatcher takes its partitions over at once instead of waiting
        // for the broker to notice that the crashed one is gone (the session timeout, 45 s); a second
        // dispatcher started by mistake fences the first instead of splitting the partitions with it.
        p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.consumerGroup() + "-dispatcher");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A new group starts at the beginning: nothing published before the dispatcher first ran is skipped.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Detection publishes transactionally: only alert on findings whose transaction committed.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    /** Re-read the subscriptions at the next turn of the consumer loop instead of at the next interval. */
    public void refreshSubscriptions() {
        dispatcher.refreshSoon();
    }

    /** Order: stop consuming; stop workers taking findings; let attempts in flight finish; store every row; commit. */
    @Override
    public void close() {
        dispatcher.stop();
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatcher.workers().forEach(w -> w.close(false));
        long deadline = System.currentTimeMillis() + ctx.config().readTimeout().plus(ctx.config().connectTimeout()).toMillis();
        while (System.currentTimeMillis() < deadline && dispatcher.workers().stream().anyMatch(w -> w.inFlight() > 0)) {
            sleep(20);
        }
        ctx.callbacks().shutdown();
        awaitQuietly(ctx.callbacks(), Duration.ofSeconds(2));
        ctx.writer().close(Duration.ofSeconds(15));
        if (!thread.isAlive()) {
            dispatcher.commit();
            consumer.close(Duration.ofSeconds(5));
        } else {
            LOG.warn("webhook dispatcher thread did not stop; offsets of the last findings stay uncommitted");
        }
        shutdown(ctx, Duration.ofSeconds(2));
    }

    private static void shutdown(WorkerContext ctx, Duration wait) {
        ctx.timers().shutdownNow();
        ctx.callbacks().shutdownNow();
        ctx.loader().shutdown();
        awaitQuietly(ctx.loader(), wait);
        ctx.loader().shutdownNow();
        ctx.writer().close(Duration.ZERO.equals(wait) ? Duration.ofMillis(1) : wait);
        ctx.sender().close();
    }

    private static void awaitQuietly(ExecutorService e, Duration d) {
        try {
            e.awaitTermination(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
