package io.fpi.webhooks.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.webhooks.WebhookConfig;
import io.fpi.webhooks.delivery.DeliveryRepository;
import io.fpi.webhooks.delivery.HttpSender;
import io.fpi.webhooks.delivery.OneShotDeliveries;
import io.fpi.webhooks.payloads.Alert;
import io.fpi.webhooks.payloads.Alerts;
import io.fpi.webhooks.payloads.PayloadRenderer;
import io.fpi.webhooks.safety.Secret;
import io.fpi.webhooks.safety.SecretCipher;
import io.fpi.webhooks.safety.TargetPolicy;
import io.fpi.webhooks.safety.TargetRefusedException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook administration the API offers (admin role): subscriptions, the delivery log, test
 * sends and redeliveries. Knows nothing of HTTP serving; refusals are {@link WebhookRequestException}s.
 * Log lines name a subscription's id and host, never its secret or full URL (a URL such as a
 * Slack webhook's is itself a credential).
 */
public final class WebhookAdmin implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookAdmin.class);
    public static final int DEFAULT_LOG_LIMIT = 100;
    public static final int MAX_LOG_LIMIT = 1000;

    private final WebhookConfig config;
    private final TargetPolicy policy;
    private final ClickHouseClient clickHouse;
    private SubscriptionRepository subscriptions;
    private final DeliveryRepository deliveries;
    private final OneShotDeliveries oneShot;

    public WebhookAdmin(ClickHouseClient clickHouse, WebhookConfig config) {
        this(clickHouse, config, TargetPolicy.of(config.allowedHosts()));
    }

    public WebhookAdmin(ClickHouseClient clickHouse, WebhookConfig config, TargetPolicy policy) {
        this.config = config;
        this.policy = policy;
        this.clickHouse = clickHouse;
        this.deliveries = new DeliveryRepository(clickHouse);
        this.oneShot = new OneShotDeliveries(deliveries, new HttpSender(config.connectTimeout(), config.readTimeout(), policy));
    }

    public SubscriptionView create(JsonNode body) {
        SubscriptionRequest req = SubscriptionRequest.parse(body, true);
        checkTarget(req.url());
        long now = System.currentTimeMillis();
        Subscription s = new Subscription("wh-" + UUID.randomUUID(), SubscriptionRepository.nextVersion(), req.url().strip(),
                Secret.of(req.secret()), req.format() == null ? Format.FPI : req.format(),
                req.filters() == null ? Filters.NONE : req.filters(),
                new Grouping(req.groupWindowMs() == null ? config.groupWindow().toMillis() : req.groupWindowMs(),
                        req.groupBy() == null ? Grouping.DEFAULT_GROUP_BY : req.groupBy()),
                req.rateLimitPerMinute() == null ? config.rateLimitPerMinute() : req.rateLimitPerMinute(),
                req.enabled() == null || req.enabled(), false, req.description() == null ? "" : req.description(), now, now);
        subscriptions().save(s);
        LOG.info("webhook subscription {} created ({} to host {})", s.id(), s.format().wireName(), host(s.url()));
        return SubscriptionView.of(s);
    }

    public SubscriptionView get(String id) {
        return SubscriptionView.of(existing(id));
    }

    public List<SubscriptionView> list() {
        return subscriptions().list().stream().map(SubscriptionView::of).toList();
    }

    public SubscriptionView update(String id, JsonNode body) {
        SubscriptionRequest req = SubscriptionRequest.parse(body, false);
        Subscription old = existing(id);
        if (req.url() != null) {
            checkTarget(req.url());
        }
        Grouping g = old.grouping();
        Subscription s = new Subscription(id, SubscriptionRepository.nextVersion(),
                req.url() == null ? old.url() : req.url().strip(),
                req.secret() == null ? old.secret() : Secret.of(req.secret()),
                req.format() == null ? old.format() : req.format(), req.filters() == null ? old.filters() : req.filters(),
                new Grouping(req.groupWindowMs() == null ? g.windowMs() : req.groupWindowMs(),
                        req.groupBy() == null ? g.groupBy() : req.groupBy()),
                req.rateLimitPerMinute() == null ? old.rateLimitPerMinute() : req.rateLimitPerMinute(),
                req.enabled() == null ? old.enabled() : req.enabled(), false,
                req.description() == null ? old.description() : req.description(), old.createdAtMs(),
                System.currentTimeMillis());
        if (!s.secret().usable()) {
            throw WebhookRequestException.invalid("the stored secret cannot be decrypted (FPI_WEBHOOK_SECRET_KEY changed?): "
                    + "send a new secret with this change");
        }
        subscriptions().save(s);
        LOG.info("webhook subscription {} updated{}", id, req.secret() != null ? " (secret rotated)" : "");
        return SubscriptionView.of(s);
    }

    public void delete(String id) {
        Subscription old = existing(id);
        subscriptions().save(new Subscription(id, SubscriptionRepository.nextVersion(), old.url(), old.secret(), old.format(),
                old.filters(), old.grouping(), old.rateLimitPerMinute(), false, true, old.description(), old.createdAtMs(),
                System.currentTimeMillis()));
        LOG.info("webhook subscription {} deleted", id);
    }

    public DeliveryLog deliveries(String id, int limit, String deliveryId) {
        existing(id);
        List<AttemptView> out = new ArrayList<>();
        for (JsonNode r : deliveries.attempts(id, deliveryId, Math.max(1, Math.min(limit, MAX_LOG_LIMIT)))) {
            out.add(AttemptView.of(r));
        }
        return new DeliveryLog(id, out.size(), out);
    }

    /** Sends a sample finding (dataset "test") to the subscription now, once. */
    public AttemptView test(String id) {
        Subscription s = existing(id);
        Alert alert = Alerts.test(s.id(), s.grouping(), System.currentTimeMillis());
        byte[] body = PayloadRenderer.of(s.format(), config.externalUrl()).render(alert);
        return view(oneShot.send(s, alert.kind().wire(), alert.idempotencyKey(), alert.findingIds(), body, null));
    }

    /** Sends an earlier delivery's body again, once, as a new delivery with the same idempotency key. */
    public AttemptView redeliver(String id, String deliveryId) {
        Subscription s = existing(id);
        JsonNode queued = deliveries.queued(id, deliveryId).orElseThrow(() ->
                WebhookRequestException.notFound("subscription " + id + " has no delivery '" + deliveryId + "'"));
        List<String> ids = new ArrayList<>();
        queued.get("finding_ids").forEach(n -> ids.add(n.asText()));
        return view(oneShot.send(s, queued.get("kind").asText(), queued.get("idempotency_key").asText(), ids,
                queued.get("body").asText().getBytes(StandardCharsets.UTF_8), deliveryId));
    }

    private static AttemptView view(OneShotDeliveries.Result r) {
        var a = r.attempt();
        return new AttemptView(r.deliveryId(), "attempt", 1, Instant.ofEpochMilli(a.startedAtMs()), r.kind(),
                r.idempotencyKey(), r.findingCount(), r.outcome(), a.httpStatus() == 0 ? null : a.httpStatus(),
                a.latencyMs(), a.error(), null, r.redeliveryOf());
    }

    /** Made at first use: the secret key (file) is only read, or created, when webhooks are used at all. */
    private synchronized SubscriptionRepository subscriptions() {
        if (subscriptions == null) {
            subscriptions = new SubscriptionRepository(clickHouse, SecretCipher.load(config.secretKey(), config.secretKeyFile()));
        }
        return subscriptions;
    }

    private Subscription existing(String id) {
        if (id == null || id.isBlank() || id.length() > 128) {
            throw WebhookRequestException.notFound("no webhook subscription '" + id + "'");
        }
        return subscriptions().find(id).orElseThrow(() -> WebhookRequestException.notFound("no webhook subscription '" + id + "'"));
    }

    private void checkTarget(String url) {
        try {
            policy.check(url.strip());
        } catch (TargetRefusedException e) {
            throw WebhookRequestException.invalid("url refused: " + e.getMessage());
        }
    }

    private static String host(String url) {
        try {
            return java.net.URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }

    @Override
    public void close() {
        oneShot.close();
    }
}
