package io.fpi.webhooks.delivery;

/** The headers every delivery carries (documented in the README). */
public final class WebhookHeaders {
    /** {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}. */
    public static final String SIGNATURE = "X-FPI-Signature";
    public static final String TIMESTAMP = "X-FPI-Timestamp";
    /** Unique per delivery (one alert to one subscription); the same on every retry of it. */
    public static final String DELIVERY_ID = "X-FPI-Delivery-Id";
    /** The finding id for a single finding; a digest of the finding ids for a grouped alert. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** finding, resolved, group or test. */
    public static final String EVENT = "X-FPI-Event";
    /** 1 for the first attempt of a delivery. */
    public static final String ATTEMPT = "X-FPI-Attempt";
    /** On a manual redelivery: the delivery id it repeats. */
    public static final String REDELIVERY_OF = "X-FPI-Redelivery-Of";
    public static final String USER_AGENT = "fpi-webhooks/1";

    private WebhookHeaders() {}
}
