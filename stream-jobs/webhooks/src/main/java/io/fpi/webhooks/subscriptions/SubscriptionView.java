package io.fpi.webhooks.subscriptions;

import java.time.Instant;

/** A subscription as the API shows it: everything but the secret, of which only its presence shows. */
public record SubscriptionView(String id, String url, String format, Filters filters, Grouping grouping,
                               int rateLimitPerMinute, boolean enabled, String description, boolean hasSecret,
                               Instant createdAt, Instant updatedAt) {

    static SubscriptionView of(Subscription s) {
        return new SubscriptionView(s.id(), s.url(), s.format().wireName(), s.filters(), s.grouping(),
                s.rateLimitPerMinute(), s.enabled(), s.description(), s.secret().usable(),
                Instant.ofEpochMilli(s.createdAtMs()), Instant.ofEpochMilli(s.updatedAtMs()));
    }
}
