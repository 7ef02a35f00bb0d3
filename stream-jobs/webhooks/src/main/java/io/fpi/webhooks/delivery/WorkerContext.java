package io.fpi.webhooks.delivery;

import io.fpi.webhooks.WebhookConfig;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/** What every subscription worker shares: storage, the HTTP sender, timers and thread pools. */
record WorkerContext(WebhookConfig config, RetryPolicy retry, DeliveryWriter writer, DeliveryRepository repository,
                     HttpSender sender, ScheduledExecutorService timers, ExecutorService callbacks,
                     ExecutorService loader) {

    long now() {
        return System.currentTimeMillis();
    }
}
