package io.fpi.api.kpis;

import io.fpi.api.ApiConfig;
import io.fpi.api.http.ApiException;
import io.fpi.api.http.BucketWidth;
import io.fpi.api.http.Params;
import io.fpi.api.http.Respond;
import io.javalin.http.Context;

/** HTTP for the KPI feature: parameters in, answers out (JSON or CSV). */
public final class KpisController {
    private final KpisService service;
    private final ApiConfig config;

    public KpisController(KpisService service, ApiConfig config) {
        this.service = service;
        this.config = config;
    }

    /** GET /api/kpis/summary?from=&to=&dataset=&channel=&fulfillment_type=&region=&node= */
    public void summary(Context ctx) {
        Respond.answer(ctx, service.summary(range(ctx), dataset(ctx), dimensions(ctx)));
    }

    /** GET /api/kpis/timeseries?metric=&interval=minute|hour|day&from=&to=&...filters&groupBy= */
    public void timeseries(Context ctx) {
        Metric metric = Params.oneOf("metric", ctx.queryParam("metric"), Metric.BY_NAME)
                .orElseThrow(() -> ApiException.badRequest("metric is required: one of "
                        + String.join(", ", Metric.BY_NAME.keySet().stream().sorted().toList())));
        BucketWidth width = Params.oneOf("interval", ctx.queryParam("interval"), BucketWidth.BY_NAME).orElse(BucketWidth.MINUTE);
        GroupBy group = Params.oneOf("groupBy", ctx.queryParam("groupBy"), GroupBy.BY_NAME).orElse(null);
        Respond.answer(ctx, service.timeseries(metric, width, range(ctx), dataset(ctx), dimensions(ctx), group));
    }

    /** GET /api/kpis/rollup?interval=minute|hour|day&from=&to=&...filters */
    public void rollup(Context ctx) {
        BucketWidth width = Params.oneOf("interval", ctx.queryParam("interval"), BucketWidth.BY_NAME).orElse(BucketWidth.HOUR);
        Respond.answer(ctx, service.rollup(width, range(ctx), dataset(ctx), dimensions(ctx)));
    }

    static KpiDimensions dimensions(Context ctx) {
        return new KpiDimensions(text(ctx, "channel"), text(ctx, "fulfillment_type"), text(ctx, "region"), text(ctx, "node"));
    }

    private static String text(Context ctx, String name) {
        return Params.text(name, ctx.queryParam(name)).orElse(null);
    }

    private TimeRange range(Context ctx) {
        return TimeRange.resolve(Params.instant("from", ctx.queryParam("from")),
                Params.instant("to", ctx.queryParam("to")), config.clock().instant(),
                config.defaultKpiWindow(), config.maxKpiRange());
    }

    private static String dataset(Context ctx) {
        return Params.text("dataset", ctx.queryParam("dataset")).orElse(null);
    }
}
