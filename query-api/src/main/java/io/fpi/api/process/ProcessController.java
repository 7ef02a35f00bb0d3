package io.fpi.api.process;

import io.fpi.api.ApiConfig;
import io.fpi.api.http.ApiException;
import io.fpi.api.http.BucketWidth;
import io.fpi.api.http.Params;
import io.fpi.api.http.Respond;
import io.fpi.api.kpis.TimeRange;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** HTTP for the process-mining feature. Every endpoint requires {@code dataset}. */
public final class ProcessController {
    public static final int DEFAULT_VARIANTS = 20;
    public static final int MAX_VARIANTS = 1000;
    public static final int DEFAULT_EDGES = 10_000;
    public static final int MAX_EDGES = 10_000;
    public static final int DEFAULT_WAITS = 20;
    public static final int MAX_WAITS = 1000;
    public static final Map<String, Boolean> RANK_BY = Map.of("total", false, "mean", true);

    private final ProcessService service;
    private final ApiConfig config;

    public ProcessController(ProcessService service, ApiConfig config) {
        this.service = service;
        this.config = config;
    }

    /** GET /api/process/dfg?dataset=&from=&to=&limit= */
    public void dfg(Context ctx) {
        int limit = Params.intInRange("limit", ctx.queryParam("limit"), DEFAULT_EDGES, 1, MAX_EDGES);
        Respond.answer(ctx, service.dfg(filter(ctx), limit));
    }

    /** GET /api/process/variants?dataset=&from=&to=&limit= */
    public void variants(Context ctx) {
        int limit = Params.intInRange("limit", ctx.queryParam("limit"), DEFAULT_VARIANTS, 1, MAX_VARIANTS);
        Respond.answer(ctx, service.variants(filter(ctx), limit));
    }

    /** GET /api/process/bottlenecks?dataset=&node=&rank_by=total|mean&from=&to=&limit= */
    public void bottlenecks(Context ctx) {
        int limit = Params.intInRange("limit", ctx.queryParam("limit"), DEFAULT_WAITS, 1, MAX_WAITS);
        String node = Params.text("node", ctx.queryParam("node")).orElse(null);
        boolean byMean = Params.oneOf("rank_by", ctx.queryParam("rank_by"), RANK_BY).orElse(false);
        Respond.answer(ctx, service.bottlenecks(filter(ctx), node, byMean, limit));
    }

    /** GET /api/process/edges?dataset=&interval=minute|hour|day&from=&to= */
    public void edges(Context ctx) {
        String dataset = dataset(ctx);
        BucketWidth width = Params.oneOf("interval", ctx.queryParam("interval"), BucketWidth.BY_NAME).orElse(BucketWidth.HOUR);
        TimeRange range = TimeRange.resolve(Params.instant("from", ctx.queryParam("from")),
                Params.instant("to", ctx.queryParam("to")), config.clock().instant(), config.defaultKpiWindow(),
                config.maxKpiRange());
        Respond.answer(ctx, service.edgeBuckets(dataset, width, range));
    }

    private static ProcessFilter filter(Context ctx) {
        return new ProcessFilter(dataset(ctx), instant(ctx, "from"), instant(ctx, "to"),
                Params.text("channel", ctx.queryParam("channel")).orElse(null),
                Params.text("fulfillment_type", ctx.queryParam("fulfillment_type")).orElse(null));
    }

    private static String dataset(Context ctx) {
        return Params.text("dataset", ctx.queryParam("dataset")).orElseThrow(() -> ApiException.badRequest(
                "dataset is required: process mining never mixes the activities of different datasets"));
    }

    private static Instant instant(Context ctx, String name) {
        return Params.instant(name, ctx.queryParam(name)).map(t -> t.truncatedTo(ChronoUnit.MILLIS)).orElse(null);
    }
}
