package io.fpi.webhooks.subscriptions;

import io.fpi.webhooks.safety.Secret;

/**
 * One webhook subscription, as stored (one version of it). The secret is held decrypted in memory
 * only by the dispatcher and the API's test/redeliver calls; {@link Secret#toString()} masks it.
 *
 * @param rateLimitPerMinute attempts per minute at most; 0 = unlimited
 */
public record Subscription(String id, long version, String url, Secret secret, Format format, Filters filters,
                           Grouping grouping, int rateLimitPerMinute, boolean enabled, boolean deleted,
                           String description, long createdAtMs, long updatedAtMs) {

    public Subscription withSecret(Secret s) {
        return new Subscription(id, version, url, s, format, filters, grouping, rateLimitPerMinute, enabled, deleted,
                description, createdAtMs, updatedAtMs);
    }
}
