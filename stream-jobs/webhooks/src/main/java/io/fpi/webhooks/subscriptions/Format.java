package io.fpi.webhooks.subscriptions;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Payload formats a subscription can ask for. */
public enum Format {
    /** FPI's own JSON, versioned, described by webhooks/fpi-payload.v1.schema.json. */
    FPI,
    /** Prometheus Alertmanager's webhook payload, version 4. */
    ALERTMANAGER,
    /** A Slack incoming-webhook message ({@code {"text": ...}}). */
    SLACK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Format> fromWire(String s) {
        return Arrays.stream(values()).filter(f -> f.wireName().equalsIgnoreCase(s == null ? "" : s.strip())).findFirst();
    }
}
