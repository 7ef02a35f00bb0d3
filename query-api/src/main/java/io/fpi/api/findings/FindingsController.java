package io.fpi.api.findings;

import io.fpi.api.http.ApiException;
import io.fpi.api.http.Params;
import io.fpi.api.http.Respond;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** HTTP for the findings feature. */
public final class FindingsController {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    private static final Map<String, FindingType> TYPES = Arrays.stream(FindingType.values())
            .collect(Collectors.toMap(t -> t.wireName().toLowerCase(Locale.ROOT), Function.identity()));

    private final FindingsService service;

    public FindingsController(FindingsService service) {
        this.service = service;
    }

    /** GET /api/findings?type=&dataset=&order_id=&node=&channel=&fulfillment_type=&severity=&from=&to=&limit=&cursor= */
    public void list(Context ctx) {
        FindingType type = type(ctx.queryParam("type"));
        String severity = text(ctx, "severity") == null ? null : text(ctx, "severity").strip().toLowerCase(Locale.ROOT);
        int limit = Params.intInRange("limit", ctx.queryParam("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT);
        Respond.answer(ctx, service.find(new FindingFilter(type, text(ctx, "dataset"), text(ctx, "order_id"), text(ctx, "node"),
                severity, instant(ctx, "from"), instant(ctx, "to"), limit, FindingCursor.parse(ctx.queryParam("cursor")),
                text(ctx, "channel"), text(ctx, "fulfillment_type"))));
    }

    private static String text(Context ctx, String name) {
        return Params.text(name, ctx.queryParam(name)).orElse(null);
    }

    private static Instant instant(Context ctx, String name) {
        return Params.instant(name, ctx.queryParam(name)).map(t -> t.truncatedTo(ChronoUnit.MILLIS)).orElse(null);
    }

    /** Case-insensitive, but the 400 lists the names as they are stored (SLA_BREACH, ...). */
    private static FindingType type(String raw) {
        try {
            return Params.oneOf("type", raw, TYPES).orElse(null);
        } catch (ApiException e) {
            throw ApiException.badRequest("type must be one of "
                    + Arrays.stream(FindingType.values()).map(FindingType::wireName).collect(Collectors.joining(", ")));
        }
    }
}
