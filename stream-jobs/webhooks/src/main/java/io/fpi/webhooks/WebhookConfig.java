package io.fpi.webhooks;

import io.fpi.runtime.config.Env;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Every setting of the webhook dispatcher and of the webhook API, read from {@code FPI_WEBHOOK_*}
 * (table in stream-jobs/webhooks/README.md). The defaults make the local demo work.
 *
 * @param findingsTopic        topic the dispatcher consumes ({@code FPI_FINDINGS_TOPIC})
 * @param consumerGroup        its Kafka consumer group; offsets are committed only for handled findings
 * @param connectTimeout       TCP connect timeout per attempt
 * @param readTimeout          time a receiver has to answer (status line and headers) per attempt
 * @param retryBase            first backoff after a failed attempt; doubles per consecutive failure
 * @param retryMaxBackoff      the backoff stops growing here
 * @param maxAge               a delivery still undelivered this long after it was created becomes a dead letter
 * @param groupWindow          default grouping window of a new subscription (0 = no grouping)
 * @param rateLimitPerMinute   default per-subscription rate limit of a new subscription (0 = none)
 * @param maxInFlight          concurrent attempts per subscription while its receiver is healthy
 * @param queueCapacity        deliveries per subscription kept in memory; more wait in ClickHouse only
 * @param maxOutstanding       findings consumed but not yet handled before the consumer pauses
 * @param flushInterval        longest wait before the dispatcher's ClickHouse writes are flushed
 * @param commitInterval       how often handled offsets are committed
 * @param refreshInterval      how often the dispatcher re-reads the subscriptions
 * @param allowedHosts         FPI_WEBHOOK_ALLOWED_HOSTS: hosts or CIDRs exempt from the private-address refusal
 * @param secretKey            FPI_WEBHOOK_SECRET_KEY: base64 AES-256 key for stored secrets, or null to use the key file
 * @param secretKeyFile        the key file used (and created) when no key is given
 * @param externalUrl          FPI's URL as receivers should see it (Alertmanager externalURL, links)
 * @param maxAlertsPerMessage  findings rendered in full per grouped message; the rest are counted
 */
public record WebhookConfig(String findingsTopic, String consumerGroup, Duration connectTimeout, Duration readTimeout,
                            Duration retryBase, Duration retryMaxBackoff, Duration maxAge, Duration groupWindow,
                            int rateLimitPerMinute, int maxInFlight, int queueCapacity, int maxOutstanding,
                            Duration flushInterval, Duration commitInterval, Duration refreshInterval,
                            String allowedHosts, String secretKey, Path secretKeyFile, String externalUrl,
                            int maxAlertsPerMessage) {

    public static final String DEFAULT_TOPIC = "fpi.findings";

    /** Defaults; the secret key file is {@code .fpi/webhook-secret.key} under the working directory. */
    public static WebhookConfig defaults() {
        return fromEnv(new Env(java.util.Map.of()));
    }

    public static WebhookConfig fromEnv(Env env) {
        Path dataDir = Path.of(env.get("FPI_DATA_DIR", ".fpi"));
        return new WebhookConfig(
                env.get("FPI_FINDINGS_TOPIC", DEFAULT_TOPIC),
                env.get("FPI_WEBHOOK_CONSUMER_GROUP", "fpi-webhooks"),
                env.getDuration("FPI_WEBHOOK_CONNECT_TIMEOUT", Duration.ofSeconds(5)),
                env.getDuration("FPI_WEBHOOK_READ_TIMEOUT", Duration.ofSeconds(10)),
                env.getDuration("FPI_WEBHOOK_RETRY_BASE", Duration.ofSeconds(1)),
                env.getDuration("FPI_WEBHOOK_RETRY_MAX_BACKOFF", Duration.ofMinutes(10)),
                env.getDuration("FPI_WEBHOOK_MAX_AGE", Duration.ofHours(24)),
                env.getDuration("FPI_WEBHOOK_GROUP_WINDOW", Duration.ofSeconds(10)),
                env.getInt("FPI_WEBHOOK_RATE_LIMIT", 600),
                env.getInt("FPI_WEBHOOK_MAX_IN_FLIGHT", 8),
                env.getInt("FPI_WEBHOOK_QUEUE_CAPACITY", 10_000),
                env.getInt("FPI_WEBHOOK_MAX_OUTSTANDING", 50_000),
                env.getDuration("FPI_WEBHOOK_FLUSH_INTERVAL", Duration.ofMillis(50)),
                env.getDuration("FPI_WEBHOOK_COMMIT_INTERVAL", Duration.ofSeconds(1)),
                env.getDuration("FPI_WEBHOOK_REFRESH_INTERVAL", Duration.ofSeconds(2)),
                env.get("FPI_WEBHOOK_ALLOWED_HOSTS", ""),
                env.getOrNull("FPI_WEBHOOK_SECRET_KEY"),
                Path.of(env.get("FPI_WEBHOOK_SECRET_KEY_FILE", dataDir.resolve("webhook-secret.key").toString())),
                env.get("FPI_WEBHOOK_EXTERNAL_URL", "http://localhost:8080/"),
                100).validated();
    }

    private WebhookConfig validated() {
        positive("FPI_WEBHOOK_CONNECT_TIMEOUT", connectTimeout);
        positive("FPI_WEBHOOK_READ_TIMEOUT", readTimeout);
        positive("FPI_WEBHOOK_RETRY_BASE", retryBase);
        positive("FPI_WEBHOOK_MAX_AGE", maxAge);
        positive("FPI_WEBHOOK_FLUSH_INTERVAL", flushInterval);
        if (retryMaxBackoff.compareTo(retryBase) < 0) {
            throw new IllegalArgumentException("FPI_WEBHOOK_RETRY_MAX_BACKOFF must be at least FPI_WEBHOOK_RETRY_BASE");
        }
        if (groupWindow.isNegative() || rateLimitPerMinute < 0 || maxInFlight < 1 || queueCapacity < 1 || maxOutstanding < 1) {
            throw new IllegalArgumentException("FPI_WEBHOOK_GROUP_WINDOW and FPI_WEBHOOK_RATE_LIMIT must be >= 0, "
                    + "FPI_WEBHOOK_MAX_IN_FLIGHT, _QUEUE_CAPACITY and _MAX_OUTSTANDING >= 1");
        }
        return this;
    }

    private static void positive(String name, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    public WebhookConfig withFindingsTopic(String topic) {
        return new WebhookConfig(topic, consumerGroup, connectTimeout, readTimeout, retryBase, retryMaxBackoff, maxAge,
                groupWindow, rateLimitPerMinute, maxInFlight, queueCapacity, maxOutstanding, flushInterval,
                commitInterval, refreshInterval, allowedHosts, secretKey, secretKeyFile, externalUrl, maxAlertsPerMessage);
    }

    public WebhookConfig withConsumerGroup(String group) {
        return new WebhookConfig(findingsTopic, group, connectTimeout, readTimeout, retryBase, retryMaxBackoff, maxAge,
                groupWindow, rateLimitPerMinute, maxInFlight, queueCapacity, maxOutstanding, flushInterval,
                commitInterval, refreshInterval, allowedHosts, secretKey, secretKeyFile, externalUrl, maxAlertsPerMessage);
    }

    public WebhookConfig withTimeouts(Duration connect, Duration read) {
        return new WebhookConfig(findingsTopic, consumerGroup, connect, read, retryBase, retryMaxBackoff, maxAge,
                groupWindow, rateLimitPerMinute, maxInFlight, queueCapacity, maxOutstanding, flushInterval,
                commitInterval, refreshInterval, allowedHosts, secretKey, secretKeyFile, externalUrl, maxAlertsPerMessage);
    }

    public WebhookConfig withRetry(Duration base, Duration maxBackoff, Duration newMaxAge) {
        return new WebhookConfig(findingsTopic, consumerGroup, connectTimeout, readTimeout, base, maxBackoff, newMaxAge,
                groupWindow, rateLimitPerMinute, maxInFlight, queueCapacity, maxOutstanding, flushInterval,
                commitInterval, refreshInterval, allowedHosts, secretKey, secretKeyFile, externalUrl, maxAlertsPerMessage)
                .validated();
    }

    /** Defaults given to subscriptions that do not state their own window and rate limit. */
    public WebhookConfig withSubscriptionDefaults(Duration window, int perMinute) {
        return new WebhookConfig(findingsTopic, consumerGroup, connectTimeout, readTimeout, retryBase, retryMaxBackoff,
                maxAge, window, perMinute, maxInFlight, queueCapacity, maxOutstanding, flushInterval, commitInterval,
                refreshInterval, allowedHosts, secretKey, secretKeyFile, externalUrl, maxAlertsPerMessage).validated();
    }

    public WebhookConfig withIntervals(Duration flush, Duration commit, Duration refresh) {
        return new WebhookConfig(findingsTopic, consumerGroup, connectTimeout, readTimeout, retryBase, retryMaxBackoff,
                maxAge, groupWindow, rateLimitPerMinute, maxInFlight, queueCapacity, maxOutstanding, flush, commit,
                refresh, allowedHosts, secretKey, secretKeyFile, externalUrl, maxAlertsPerMessage).validated();
    }

    public WebhookConfig withCapacity(int inFlight, int capacity, int outstanding) {
        return new WebhookConfig(findingsTopic, consumerGroup, connectTimeout, readTimeout, retryBase, retryMaxBackoff,
                maxAge, groupWindow, rateLimitPerMinute, inFlight, capacity, outstanding, flushInterval, commitInterval,
                refreshInterval, allowedHosts, secretKey, secretKeyFile, externalUrl, maxAlertsPerMessage).validated();
    }

    /** The allowlist; the demo uses this to allow receivers on loopback when none is configured. */
    public WebhookConfig withAllowedHosts(String hosts) {
        return new WebhookConfig(findingsTopic, consumerGroup, connectTimeout, readTimeout, retryBase, retryMaxBackoff,
                maxAge, groupWindow, rateLimitPerMinute, maxInFlight, queueCapacity, maxOutstanding, flushInterval,
                commitInterval, refreshInterval, hosts == null ? "" : hosts, secretKey, secretKeyFile, externalUrl,
                maxAlertsPerMessage);
    }

    /** FPI's URL as receivers should see it. */
    public WebhookConfig withExternalUrl(String url) {
        return new WebhookConfig(findingsTopic, consumerGroup, connectTimeout, readTimeout, retryBase, retryMaxBackoff,
                maxAge, groupWindow, rateLimitPerMinute, maxInFlight, queueCapacity, maxOutstanding, flushInterval,
                commitInterval, refreshInterval, allowedHosts, secretKey, secretKeyFile, url, maxAlertsPerMessage);
    }

    /** Where stored secrets' key lives (the demo puts it in its data directory). */
    public WebhookConfig withSecretKey(String base64Key, Path keyFile) {
        return new WebhookConfig(findingsTopic, consumerGroup, connectTimeout, readTimeout, retryBase, retryMaxBackoff,
                maxAge, groupWindow, rateLimitPerMinute, maxInFlight, queueCapacity, maxOutstanding, flushInterval,
                commitInterval, refreshInterval, allowedHosts, base64Key, keyFile, externalUrl, maxAlertsPerMessage);
    }

    @Override
    public String toString() {
        // never print the key
        return "WebhookConfig[topic=" + findingsTopic + ", group=" + consumerGroup + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", retryBase=" + retryBase + ", retryMaxBackoff=" + retryMaxBackoff
                + ", maxAge=" + maxAge + ", groupWindow=" + groupWindow + ", rateLimitPerMinute=" + rateLimitPerMinute
                + ", allowedHosts=" + allowedHosts + ", secretKey=" + (secretKey == null ? "file " + secretKeyFile : "****") + "]";
    }
}
