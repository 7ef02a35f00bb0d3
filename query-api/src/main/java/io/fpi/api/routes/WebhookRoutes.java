package io.fpi.api.routes;

import static io.fpi.api.routes.ParamDoc.path;
import static io.fpi.api.routes.ParamDoc.query;

import io.fpi.api.webhooks.WebhooksController;
import io.fpi.webhooks.subscriptions.AttemptView;
import io.fpi.webhooks.subscriptions.DeliveryLog;
import io.fpi.webhooks.subscriptions.Grouping;
import io.fpi.webhooks.subscriptions.SubscriptionRequest;
import io.fpi.webhooks.subscriptions.SubscriptionView;
import io.fpi.webhooks.subscriptions.WebhookAdmin;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The webhook subscription routes of the table (admin role), with the schema of the body they read. */
final class WebhookRoutes {
    private static final String TAG = "webhooks";
    private static final ParamDoc ID = path("id", "subscription id");

    private WebhookRoutes() {}

    static void add(List<ApiRoute> r, WebhooksController h) {
        r.add(ApiRoutes.route(HandlerType.POST, "/api/webhooks", Access.ADMIN, h::create, OperationDoc.json(TAG,
                "Subscribe a receiver to findings",
                "201 with the subscription (its secret never comes back) and a Location header. The URL must be http(s); "
                        + "loopback, link-local and private addresses only when FPI_WEBHOOK_ALLOWED_HOSTS permits them. "
                        + "Signing, retries and payloads: stream-jobs/webhooks/README.md.",
                SubscriptionView.class).withStatus(201).withRequestBody(body(true))));
        r.add(ApiRoutes.route(HandlerType.GET, "/api/webhooks", Access.ADMIN, h::list, OperationDoc.json(TAG,
                "Every subscription", "{\"webhooks\": [subscription…], \"count\": n}, without secrets.", Map.class)));
        r.add(ApiRoutes.route(HandlerType.GET, "/api/webhooks/{id}", Access.ADMIN, h::get, OperationDoc.json(TAG,
                "One subscription", "Without its secret (has_secret tells whether one is set).", SubscriptionView.class, ID)
                .withNotFound()));
        r.add(ApiRoutes.route(HandlerType.PATCH, "/api/webhooks/{id}", Access.ADMIN, h::update, OperationDoc.json(TAG,
                "Change a subscription", "Any of the fields of POST; a new secret replaces the old one.",
                SubscriptionView.class, ID).withNotFound().withRequestBody(body(false))));
        r.add(ApiRoutes.route(HandlerType.DELETE, "/api/webhooks/{id}", Access.ADMIN, h::delete, OperationDoc.json(TAG,
                "Delete a subscription", "204; its pending deliveries become dead letters.", Void.class, ID)
                .withStatus(204).withNotFound()));
        r.add(ApiRoutes.route(HandlerType.GET, "/api/webhooks/{id}/deliveries", Access.ADMIN, h::deliveries,
                OperationDoc.json(TAG, "The delivery log", "Every attempt (time, HTTP status, latency, error), newest first.",
                        DeliveryLog.class, ID,
                        query("limit", "attempts").integer(1, WebhookAdmin.MAX_LOG_LIMIT, (long) WebhookAdmin.DEFAULT_LOG_LIMIT),
                        query("delivery_id", "only this delivery's attempts").text(256)).withNotFound()));
        r.add(ApiRoutes.route(HandlerType.POST, "/api/webhooks/{id}/test", Access.ADMIN, h::test, OperationDoc.json(TAG,
                "Send a signed sample now", "One attempt, no retries; 200 with the attempt as logged.", AttemptView.class, ID)
                .withNotFound()));
        r.add(ApiRoutes.route(HandlerType.POST, "/api/webhooks/{id}/deliveries/{deliveryId}/redeliver", Access.ADMIN,
                h::redeliver, OperationDoc.json(TAG, "Send one delivery again",
                        "The same body with a new delivery id and the same idempotency key; 200 with the attempt.",
                        AttemptView.class, ID, path("deliveryId", "delivery id from the log")).withNotFound()));
    }

    /** The subscription body: every field required on creation but url, secret and format's defaults. */
    private static Map<String, Object> body(boolean create) {
        Map<String, Object> strings = Map.of("type", "array", "items", Map.of("type", "string"),
                "maxItems", SubscriptionRequest.MAX_FILTER_VALUES);
        Map<String, Object> filters = new LinkedHashMap<>();
        for (String f : List.of("types", "severities", "datasets", "fulfillment_types", "regions", "nodes")) {
            filters.put(f, strings);
        }
        filters.put("min_severity", Map.of("type", "string", "enum", List.of("info", "warning", "critical")));
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("url", Map.of("type", "string", "format", "uri", "maxLength", 4096));
        props.put("secret", Map.of("type", "string", "maxLength", SubscriptionRequest.MAX_SECRET, "writeOnly", true));
        props.put("format", Map.of("type", "string", "enum", List.of("fpi", "alertmanager", "slack"), "default", "fpi"));
        props.put("filters", Map.of("type", "object", "properties", filters));
        props.put("grouping", Map.of("type", "object", "properties", Map.of(
                "window_ms", Map.of("type", "integer", "minimum", 0, "maximum", SubscriptionRequest.MAX_WINDOW_MS),
                "group_by", Map.of("type", "array", "items", Map.of("type", "string",
                        "enum", Grouping.FIELDS.keySet().stream().sorted().toList())))));
        props.put("rate_limit_per_minute", Map.of("type", "integer", "minimum", 0, "maximum", SubscriptionRequest.MAX_RATE));
        props.put("enabled", Map.of("type", "boolean"));
        props.put("description", Map.of("type", "string", "maxLength", SubscriptionRequest.MAX_DESCRIPTION));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", props);
        schema.put("additionalProperties", false);
        if (create) {
            schema.put("required", List.of("url", "secret"));
        }
        return schema;
    }
}
