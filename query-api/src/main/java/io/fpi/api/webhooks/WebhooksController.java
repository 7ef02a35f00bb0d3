package io.fpi.api.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fpi.api.http.ApiException;
import io.fpi.api.http.Params;
import io.fpi.webhooks.subscriptions.SubscriptionView;
import io.fpi.webhooks.subscriptions.WebhookAdmin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * HTTP for webhooks (admin role): reads the request, calls {@link WebhookAdmin}, writes JSON. The
 * subscription's secret is accepted on POST and PATCH and never written back.
 */
public final class WebhooksController {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookAdmin admin;

    public WebhooksController(WebhookAdmin admin) {
        this.admin = admin;
    }

    /** POST /api/webhooks: 201 with the subscription (no secret) and its Location. */
    public void create(Context ctx) {
        SubscriptionView created = admin.create(body(ctx));
        ctx.status(201).header("Location", "/api/webhooks/" + created.id()).json(created);
    }

    /** GET /api/webhooks */
    public void list(Context ctx) {
        List<SubscriptionView> all = admin.list();
        ctx.json(Map.of("webhooks", all, "count", all.size()));
    }

    /** GET /api/webhooks/{id} */
    public void get(Context ctx) {
        ctx.json(admin.get(ctx.pathParam("id")));
    }

    /** PATCH /api/webhooks/{id}: any of the POST fields; a new secret replaces the old one. */
    public void update(Context ctx) {
        ctx.json(admin.update(ctx.pathParam("id"), body(ctx)));
    }

    /** DELETE /api/webhooks/{id}: 204; its pending deliveries become dead letters. */
    public void delete(Context ctx) {
        admin.delete(ctx.pathParam("id"));
        ctx.status(204);
    }

    /** GET /api/webhooks/{id}/deliveries?limit=&delivery_id=: every attempt, newest first. */
    public void deliveries(Context ctx) {
        int limit = Params.intInRange("limit", ctx.queryParam("limit"), WebhookAdmin.DEFAULT_LOG_LIMIT, 1,
                WebhookAdmin.MAX_LOG_LIMIT);
        String deliveryId = Params.text("delivery_id", ctx.queryParam("delivery_id")).orElse(null);
        ctx.json(admin.deliveries(ctx.pathParam("id"), limit, deliveryId));
    }

    /** POST /api/webhooks/{id}/test: one signed sample delivery now; 200 with the attempt. */
    public void test(Context ctx) {
        ctx.json(admin.test(ctx.pathParam("id")));
    }

    /** POST /api/webhooks/{id}/deliveries/{deliveryId}/redeliver: the same body again, now; 200 with the attempt. */
    public void redeliver(Context ctx) {
        ctx.json(admin.redeliver(ctx.pathParam("id"), ctx.pathParam("deliveryId")));
    }

    private static JsonNode body(Context ctx) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
