package io.fpi.api.health;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * Asks Kafka whether it is there: a describeCluster call with a short deadline through one Admin
 * client kept for the probe's lifetime (creating one per health check would open a new connection
 * and metadata fetch each time). The Admin is created on first use, and again after a failed
 * creation (e.g. a bootstrap host that does not resolve yet), so the API starts without Kafka.
 */
public final class KafkaProbe implements AutoCloseable {
    private static final String NO_ANSWER = "no answer from the brokers within the timeout";
    private final String bootstrapServers;
    private final Duration timeout;
    private Admin admin;
    private boolean closed;

    public KafkaProbe(String bootstrapServers, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Never completes exceptionally: an unreachable cluster is a result, not an error. */
    public CompletableFuture<KafkaHealth> probe() {
        String clientVersion = AppInfoParser.getVersion();
        Admin client;
        try {
            client = admin();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(KafkaHealth.down(clientVersion, describe(e)));
        }
        int millis = (int) timeout.toMillis();
        DescribeClusterResult cluster = client.describeCluster(new DescribeClusterOptions().timeoutMs(millis));
        // Kafka's futures refuse completion by user code, so the answer goes into a future of ours
        CompletableFuture<KafkaHealth> result = new CompletableFuture<>();
        cluster.clusterId().toCompletionStage()
                .thenCombine(cluster.nodes().toCompletionStage(),
                        (id, brokers) -> KafkaHealth.up(id, brokers.size(), clientVersion))
                .whenComplete((health, e) -> result.complete(e == null ? health : KafkaHealth.down(clientVersion, describe(e))));
        // the Admin enforces the deadline itself; this is the backstop should it not
        return result.completeOnTimeout(KafkaHealth.down(clientVersion, NO_ANSWER), millis + 1_000L, TimeUnit.MILLISECONDS);
    }

    private synchronized Admin admin() {
        if (closed) {
            throw new IllegalStateException("probe is closed");
        }
        if (admin == null) {
            admin = Admin.create(adminConfig());
        }
        return admin;
    }

    private Properties adminConfig() {
        int millis = (int) timeout.toMillis();
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "fpi-query-api-health");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, millis);
        p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, millis);
        // while Kafka is down the Admin retries in the background; keep that (and its log lines) sparse
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 1_000);
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 10_000);
        return p;
    }

    private static String describe(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof TimeoutException || t instanceof org.apache.kafka.common.errors.TimeoutException) {
            return NO_ANSWER;
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }
}
