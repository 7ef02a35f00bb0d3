package io.fpi.api.health;

import io.javalin.http.Context;

/** GET /api/health: 200 when every dependency answers, 503 otherwise (same body either way). */
public final class HealthController {
    private final HealthService service;

    public HealthController(HealthService service) {
        this.service = service;
    }

    public void get(Context ctx) {
        HealthReport report = service.check();
        ctx.status(report.healthy() ? 200 : 503).json(report);
    }
}
