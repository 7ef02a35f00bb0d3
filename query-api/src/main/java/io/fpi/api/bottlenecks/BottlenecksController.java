package io.fpi.api.bottlenecks;

import io.fpi.api.ApiConfig;
import io.fpi.api.http.Params;
import io.fpi.api.http.Respond;
import io.fpi.api.kpis.TimeRange;
import io.javalin.http.Context;
import java.util.Map;

/** HTTP for {@code GET /api/bottlenecks}. */
public final class BottlenecksController {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 1000;
    public static final Map<String, Boolean> RANK_BY = Map.of("total", false, "mean", true);

    private final BottlenecksService service;
    private final ApiConfig config;

    public BottlenecksController(BottlenecksService service, ApiConfig config) {
        this.service = service;
        this.config = config;
    }

    /** GET /api/bottlenecks?groupBy=&rank_by=&dataset=&from=&to=&channel=&fulfillment_type=&region=&node=&limit= */
    public void list(Context ctx) {
        WaitGroup group = Params.oneOf("groupBy", ctx.queryParam("groupBy"), WaitGroup.BY_NAME).orElse(WaitGroup.STAGE);
        boolean byMean = Params.oneOf("rank_by", ctx.queryParam("rank_by"), RANK_BY).orElse(false);
        int limit = Params.intInRange("limit", ctx.queryParam("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT);
        TimeRange range = TimeRange.resolve(Params.instant("from", ctx.queryParam("from")),
                Params.instant("to", ctx.queryParam("to")), config.clock().instant(), config.defaultKpiWindow(),
                config.maxKpiRange());
        Respond.answer(ctx, service.waits(new StageWaitsQuery(group, byMean, text(ctx, "dataset"), range.from(), range.to(),
                text(ctx, "channel"), text(ctx, "fulfillment_type"), text(ctx, "region"), text(ctx, "node"), limit)));
    }

    private static String text(Context ctx, String name) {
        return Params.text(name, ctx.queryParam(name)).orElse(null);
    }
}
