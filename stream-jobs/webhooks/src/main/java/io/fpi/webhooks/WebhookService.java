package io.fpi.webhooks;

import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.migrations.Migrations;
import io.fpi.webhooks.delivery.DispatcherRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook dispatcher as a service the launcher starts and stops:
 * <pre>{@code
 * WebhookService webhooks = WebhookService.start(clickHouse, kafkaBootstrap, WebhookConfig.fromEnv(env));
 * ...
 * webhooks.close(); // before Kafka and ClickHouse stop
 * }</pre>
 * It consumes {@code fpi.findings}, delivers to the subscriptions stored in ClickHouse (created
 * through the API) and resumes pending deliveries left by an earlier run. Run one dispatcher per
 * deployment: grouping, rate limits and the resumption of pending deliveries are per process.
 */
public final class WebhookService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookService.class);

    private final DispatcherRuntime runtime;

    private WebhookService(DispatcherRuntime runtime) {
        this.runtime = runtime;
    }

    /** Applies the migrations (idempotent), then starts consuming. */
    public static WebhookService start(ClickHouseClient clickHouse, String kafkaBootstrap, WebhookConfig config) {
        Migrations.apply(clickHouse);
        WebhookService service = new WebhookService(DispatcherRuntime.start(clickHouse, kafkaBootstrap, config));
        LOG.info("webhook dispatcher consuming {} as group {} (allowed private hosts: {})", config.findingsTopic(),
                config.consumerGroup(), config.allowedHosts().isBlank() ? "none" : config.allowedHosts());
        return service;
    }

    /** Picks up subscription changes now rather than at the next FPI_WEBHOOK_REFRESH_INTERVAL. */
    public void refreshSubscriptions() {
        runtime.refreshSubscriptions();
    }

    /** Stops consuming, lets attempts in flight finish, stores their outcome and commits what is durable. */
    @Override
    public void close() {
        runtime.close();
    }
}
