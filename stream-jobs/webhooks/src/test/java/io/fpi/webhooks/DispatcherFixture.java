package io.fpi.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.webhooks.safety.SecretCipher;
import io.fpi.webhooks.subscriptions.SubscriptionView;
import io.fpi.webhooks.subscriptions.WebhookAdmin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One test class's world: its own ClickHouse database and findings topic on the shared services,
 * the admin service that creates subscriptions, and a dispatcher with short timeouts and backoffs.
 */
public final class DispatcherFixture implements AutoCloseable {
    public static final String KEY = SecretCipher.newKeyBase64();
    private static final ObjectMapper JSON = new ObjectMapper();

    public final ClickHouseClient clickHouse;
    public final String topic;
    public final WebhookConfig config;
    public final WebhookAdmin admin;
    public final FindingPublisher publisher;
    private WebhookService service;

    public DispatcherFixture(String name, int partitions) {
        this(name, partitions, c -> c);
    }

    public DispatcherFixture(String name, int partitions, java.util.function.UnaryOperator<WebhookConfig> adjust) {
        clickHouse = SharedServices.freshDatabase(name);
        topic = SharedServices.freshTopic("fpi.findings." + name, partitions);
        WebhookConfig base = testConfig(topic, "fpi-webhooks-" + name);
        config = adjust.apply(base);
        // The admin side always allows loopback and ::1, so tests can store targets the dispatcher refuses.
        admin = new WebhookAdmin(clickHouse, base.withAllowedHosts("127.0.0.1,::1"));
        publisher = new FindingPublisher(SharedServices.kafkaBootstrap(), topic);
    }

    /** Short timeouts and backoffs, no default grouping or rate limit, loopback receivers allowed. */
    public static WebhookConfig testConfig(String topic, String group) {
        return WebhookConfig.defaults()
                .withFindingsTopic(topic).withConsumerGroup(group)
                .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(1))
                .withRetry(Duration.ofMillis(100), Duration.ofMillis(800), Duration.ofHours(1))
                .withSubscriptionDefaults(Duration.ZERO, 0)
                .withIntervals(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(200))
                .withAllowedHosts("127.0.0.1")
                .withSecretKey(KEY, null);
    }

    public WebhookService start() {
        service = WebhookService.start(clickHouse, SharedServices.kafkaBootstrap(), config);
        return service;
    }

    public void stop() {
        if (service != null) {
            service.close();
            service = null;
        }
    }

    /** Creates a subscription through the admin service, as POST /api/webhooks does. */
    public SubscriptionView subscribe(String url, String secret, String extraJson) {
        try {
            JsonNode body = JSON.readTree("{\"url\": \"" + url + "\", \"secret\": \"" + secret + "\""
                    + (extraJson.isEmpty() ? "" : ", " + extraJson) + "}");
            return admin.create(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Finding ids an fpi-format request stands for (every id of a group). */
    public static List<String> findingIds(TestReceiver.Request r) {
        List<String> ids = new ArrayList<>();
        r.json().at("/group/finding_ids").forEach(n -> ids.add(n.asText()));
        return ids;
    }

    /** Every finding id the receiver accepted (2xx), over all its fpi-format requests. */
    public static Set<String> acceptedIds(TestReceiver receiver) {
        Set<String> ids = new HashSet<>();
        receiver.accepted().forEach(r -> ids.addAll(findingIds(r)));
        return ids;
    }

    @Override
    public void close() {
        stop();
        admin.close();
        publisher.close();
    }
}
