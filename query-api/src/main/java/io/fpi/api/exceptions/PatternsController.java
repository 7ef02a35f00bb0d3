package io.fpi.api.exceptions;

import io.fpi.api.ApiConfig;
import io.fpi.api.http.Params;
import io.fpi.api.http.Respond;
import io.fpi.api.kpis.TimeRange;
import io.javalin.http.Context;

/** HTTP for {@code GET /api/exceptions/patterns}. */
public final class PatternsController {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 200;

    private final PatternsService service;
    private final ApiConfig config;

    public PatternsController(PatternsService service, ApiConfig config) {
        this.service = service;
        this.config = config;
    }

    /** GET /api/exceptions/patterns?dataset=&scope=&error_code=&source_system=&node=&region=&channel=&from=&to=&limit= */
    public void top(Context ctx) {
        PatternScope scope = Params.oneOf("scope", ctx.queryParam("scope"), PatternScope.BY_NAME).orElse(null);
        int limit = Params.intInRange("limit", ctx.queryParam("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT);
        TimeRange range = TimeRange.resolve(Params.instant("from", ctx.queryParam("from")),
                Params.instant("to", ctx.queryParam("to")), config.clock().instant(), config.defaultKpiWindow(),
                config.maxKpiRange());
        Respond.answer(ctx, service.top(new PatternQuery(text(ctx, "dataset"), scope, text(ctx, "error_code"),
                text(ctx, "source_system"), text(ctx, "node"), text(ctx, "region"), text(ctx, "channel"), range.from(),
                range.to(), limit)));
    }

    private static String text(Context ctx, String name) {
        return Params.text(name, ctx.queryParam(name)).orElse(null);
    }
}
