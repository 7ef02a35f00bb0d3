package io.fpi.api.findings;

import io.fpi.api.http.ApiException;
import io.fpi.api.http.Params;
import io.javalin.http.Context;
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

    /** GET /api/findings?type=&dataset=&order_id=&from=&to=&limit= */
    public void list(Context ctx) {
        FindingType type = type(ctx.queryParam("type"));
        String dataset = Params.text("dataset", ctx.queryParam("dataset")).orElse(null);
        String orderId = Params.text("order_id", ctx.queryParam("order_id")).orElse(null);
        var from = Params.instant("from", ctx.queryParam("from")).map(t -> t.truncatedTo(ChronoUnit.MILLIS)).orElse(null);
        var to = Params.instant("to", ctx.queryParam("to")).map(t -> t.truncatedTo(ChronoUnit.MILLIS)).orElse(null);
        int limit = Params.intInRange("limit", ctx.queryParam("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT);
        ctx.json(service.find(new FindingFilter(type, dataset, orderId, from, to, limit)));
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
