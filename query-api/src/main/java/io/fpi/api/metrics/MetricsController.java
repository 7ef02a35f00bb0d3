package io.fpi.api.metrics;

import io.javalin.http.Context;

/** GET /metrics: the Prometheus text exposition of {@link ApiMetrics}. */
public final class MetricsController {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final ApiMetrics metrics;

    public MetricsController(ApiMetrics metrics) {
        this.metrics = metrics;
    }

    public void get(Context ctx) {
        ctx.contentType(CONTENT_TYPE).result(metrics.prometheusText());
    }
}
