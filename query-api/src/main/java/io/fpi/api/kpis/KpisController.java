package io.fpi.api.kpis;

import io.fpi.api.ApiConfig;
import io.fpi.api.http.ApiException;
import io.fpi.api.http.BucketWidth;
import io.fpi.api.http.Params;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** HTTP for the KPI feature. */
public final class KpisController {
    private static final Map<String, Metric> METRICS = Arrays.stream(Metric.values())
            .collect(Collectors.toMap(Metric::wireName, Function.identity()));
    private static final Map<String, Interval> INTERVALS = Arrays.stream(Interval.values())
            .collect(Collectors.toMap(Interval::wireName, Function.identity()));

    private final KpisService service;
    private final ApiConfig config;

    public KpisController(KpisService service, ApiConfig config) {
        this.service = service;
        this.config = config;
    }

    /** GET /api/kpis/summary?from=&to=&dataset= */
    public void summary(Context ctx) {
        ctx.json(service.summary(range(ctx), dataset(ctx)));
    }

    /** GET /api/kpis/timeseries?metric=&interval=&from=&to=&dataset= */
    public void timeseries(Context ctx) {
        Metric metric = Params.oneOf("metric", ctx.queryParam("metric"), METRICS)
                .orElseThrow(() -> ApiException.badRequest("metric is required: one of "
                        + String.join(", ", METRICS.keySet().stream().sorted().toList())));
        Interval interval = Params.oneOf("interval", ctx.queryParam("interval"), INTERVALS).orElse(Interval.MINUTE);
        ctx.json(service.timeseries(metric, interval, range(ctx), dataset(ctx)));
    }

    /** GET /api/kpis/rollup?interval=minute|hour|day&from=&to=&dataset=&channel=&fulfillment_type=&region=&node= */
    public void rollup(Context ctx) {
        BucketWidth width = Params.oneOf("interval", ctx.queryParam("interval"), BucketWidth.BY_NAME).orElse(BucketWidth.HOUR);
        KpiDimensions dims = new KpiDimensions(text(ctx, "channel"), text(ctx, "fulfillment_type"), text(ctx, "region"),
                text(ctx, "node"));
        ctx.json(service.rollup(width, range(ctx), dataset(ctx), dims));
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
