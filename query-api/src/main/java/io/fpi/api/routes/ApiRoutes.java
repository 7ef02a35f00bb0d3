package io.fpi.api.routes;

import static io.fpi.api.routes.ParamDoc.path;
import static io.fpi.api.routes.ParamDoc.query;

import io.fpi.api.bottlenecks.BottlenecksController;
import io.fpi.api.bottlenecks.StageWaits;
import io.fpi.api.bottlenecks.WaitGroup;
import io.fpi.api.exceptions.ExceptionPatterns;
import io.fpi.api.exceptions.PatternScope;
import io.fpi.api.exceptions.PatternsController;
import io.fpi.api.findings.FindingList;
import io.fpi.api.findings.FindingType;
import io.fpi.api.findings.FindingsController;
import io.fpi.api.health.HealthController;
import io.fpi.api.health.HealthReport;
import io.fpi.api.http.BucketWidth;
import io.fpi.api.http.Params;
import io.fpi.api.http.WireNamed;
import io.fpi.api.kpis.GroupBy;
import io.fpi.api.kpis.KpiRollup;
import io.fpi.api.kpis.KpiSummary;
import io.fpi.api.kpis.KpisController;
import io.fpi.api.kpis.Metric;
import io.fpi.api.kpis.KpisService;
import io.fpi.api.metrics.MetricsController;
import io.fpi.api.orders.OrderList;
import io.fpi.api.orders.OrderTrace;
import io.fpi.api.orders.OrdersController;
import io.fpi.api.process.Bottlenecks;
import io.fpi.api.process.Dfg;
import io.fpi.api.process.EdgeBuckets;
import io.fpi.api.process.ProcessController;
import io.fpi.api.process.Variants;
import io.fpi.api.webhooks.WebhooksController;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * THE route table: every route of the API with its method, path, least role, controller method and
 * documentation, in one place. The app registers exactly these (with their roles as Javalin route
 * roles), the OpenAPI document is generated from them, and the auth reads the role of a request's
 * route from here (or from {@code ctx.routeRoles()}). A route that is not in this table does not exist.
 */
public final class ApiRoutes {
    private static final int TEXT = Params.MAX_TEXT_LENGTH;

    private static final ParamDoc DATASET = query("dataset", "dataset name (exact); absent: every dataset").text(TEXT);
    private static final ParamDoc CHANNEL = query("channel", "channel (exact, e.g. WEB); absent: every channel").text(TEXT);
    private static final ParamDoc FULFILLMENT_TYPE = query("fulfillment_type",
            "fulfillment type (exact, e.g. SHIP_TO_HOME); absent: every type").text(TEXT);
    private static final ParamDoc REGION = query("region", "region (exact); absent: every region").text(TEXT);
    private static final ParamDoc NODE = query("node", "fulfilling node id (exact, e.g. DC-NORTHEAST); absent: every node")
            .text(TEXT);
    private static final ParamDoc FROM = query("from", "window start, inclusive (ISO-8601 instant, an offset is allowed); "
            + "default: to minus 24 h. from must be before to, and from..to at most 400 days").instant();
    private static final ParamDoc TO = query("to", "window end, exclusive (ISO-8601 instant); default: now").instant();
    private static final ParamDoc CURSOR = query("cursor",
            "next_cursor of the previous page, unchanged; absent: the first page").text(2048);

    private ApiRoutes() {}

    /** The controllers the routes call. */
    public record Controllers(HealthController health, OrdersController orders, KpisController kpis,
                              FindingsController findings, ProcessController process, BottlenecksController bottlenecks,
                              PatternsController patterns, MetricsController metrics, WebhooksController webhooks) {
    }

    /** @param openApi the handler of /openapi.json, which documents this very table */
    public static List<ApiRoute> table(Controllers c, Supplier<Handler> openApi) {
        List<ApiRoute> r = new ArrayList<>();
        r.add(get("/api/health", Access.PUBLIC, c.health()::get, OperationDoc.json("health",
                "ClickHouse and Kafka reachability", "200 when both answer, 503 (same body) otherwise.", HealthReport.class)));
        r.add(get("/openapi.json", Access.PUBLIC, ctx -> openApi.get().handle(ctx), OperationDoc.json("meta",
                "This document", "OpenAPI 3.0 of every route, generated from the route table.", Map.class)
                .withoutClickHouse()));
        r.add(get("/metrics", Access.ADMIN, c.metrics()::get, OperationDoc.json("meta", "Prometheus metrics",
                "Text format 0.0.4: requests per route and status, request latency histograms per route, ClickHouse "
                        + "query time histograms per query name, cache gauges, JVM basics.", String.class)
                .withoutClickHouse().withContentType(MetricsController.CONTENT_TYPE)));
        kpis(r, c.kpis());
        orders(r, c.orders());
        r.add(get("/api/findings", Access.ANALYST, c.findings()::list, OperationDoc.json("findings", "Findings, newest first",
                "Paged by cursor: newest detected_at first, ties by finding_id descending; next_cursor is null on the last page.",
                FindingList.class,
                query("type", "finding type (case-insensitive)").oneOf(names(FindingType.values()), null), DATASET,
                query("order_id", "order id (exact)").text(TEXT), NODE, CHANNEL, FULFILLMENT_TYPE,
                query("severity", "severity (case-insensitive), e.g. critical, warning, info").text(TEXT),
                query("from", "detected at or after (ISO-8601 instant)").instant(),
                query("to", "detected before (ISO-8601 instant)").instant(),
                query("limit", "page size").integer(1, FindingsController.MAX_LIMIT, (long) FindingsController.DEFAULT_LIMIT),
                CURSOR).withCsv()));
        r.add(get("/api/bottlenecks", Access.ANALYST, c.bottlenecks()::list, OperationDoc.json("process",
                "Waiting time per stage, grouped",
                "Orders placed in [from, to), their milestone stages (from traces), summed per group and stage and ranked by "
                        + "total or mean waiting time; groupBy=source_system uses the handoffs between systems instead, "
                        + "grouped by the system the work waited for. Every row carries both ranks.",
                StageWaits.class,
                query("groupBy", "grouping").oneOf(names(WaitGroup.values()), "stage"),
                query("rank_by", "ranking").oneOf(List.of("total", "mean"), "total"),
                DATASET, FROM, TO, CHANNEL, FULFILLMENT_TYPE, REGION, NODE,
                query("limit", "rows").integer(1, BottlenecksController.MAX_LIMIT, (long) BottlenecksController.DEFAULT_LIMIT))
                .withCsv()));
        r.add(get("/api/exceptions/patterns", Access.ANALYST, c.patterns()::top, OperationDoc.json("exceptions",
                "Top exception patterns with their trend",
                "Patterns of exception_windows (stream-jobs/detection/PATTERNS.md) with the most events in windows "
                        + "starting in [from, to), each with one trend point per window (0 where the detector wrote no row).",
                ExceptionPatterns.class, DATASET,
                query("scope", "pattern scope").oneOf(names(PatternScope.values()), null),
                query("error_code", "error code (exact)").text(TEXT),
                query("source_system", "source system (exact)").text(TEXT), NODE, REGION, CHANNEL, FROM, TO,
                query("limit", "patterns").integer(1, PatternsController.MAX_LIMIT, (long) PatternsController.DEFAULT_LIMIT))
                .withCsv()));
        process(r, c.process());
        WebhookRoutes.add(r, c.webhooks());
        return List.copyOf(r);
    }

    private static void kpis(List<ApiRoute> r, KpisController kpis) {
        r.add(get("/api/kpis/summary", Access.EXECUTIVE, kpis::summary, OperationDoc.json("kpis",
                "Every KPI over a window, with the previous window's",
                "KPIs of [from, to) at the top level and under previous those of the window of the same length just "
                        + "before. From kpi_minute (minutes starting in the window); orders_open (placed in the window, "
                        + "open now) exact from the traces. Definitions in query-api/README.md.",
                KpiSummary.class, FROM, TO, DATASET, CHANNEL, FULFILLMENT_TYPE, REGION, NODE).withCsv()));
        r.add(get("/api/kpis/timeseries", Access.EXECUTIVE, kpis::timeseries, OperationDoc.json("kpis",
                "One KPI per time bucket, optionally per dimension value",
                "Every bucket of [from, to) is present (counts 0, ratios and percentiles null when empty); at most 2000 "
                        + "buckets, and with groupBy at most " + KpisService.MAX_SERIES_VALUES + " values in all.",
                io.fpi.api.kpis.Timeseries.class,
                query("metric", "the KPI").asRequired().oneOf(names(Metric.values()), null),
                query("interval", "bucket width").oneOf(names(BucketWidth.values()), "minute"),
                FROM, TO, DATASET, CHANNEL, FULFILLMENT_TYPE, REGION, NODE,
                query("groupBy", "split into one series per value of").oneOf(names(GroupBy.values()), null)).withCsv()));
        r.add(get("/api/kpis/rollup", Access.EXECUTIVE, kpis::rollup, OperationDoc.json("kpis",
                "Every kpi_minute KPI per bucket", "Minute, hour or day buckets; every bucket present; at most 2000.",
                KpiRollup.class, query("interval", "bucket width").oneOf(names(BucketWidth.values()), "hour"),
                FROM, TO, DATASET, CHANNEL, FULFILLMENT_TYPE, REGION, NODE).withCsv()));
    }

    private static void orders(List<ApiRoute> r, OrdersController orders) {
        r.add(get("/api/orders", Access.ANALYST, orders::list, OperationDoc.json("orders", "Orders, newest placed first",
                "Paged by cursor (stable while orders are added): newest placed_at first, ties by order_id descending, "
                        + "then dataset; next_cursor is null on the last page.",
                OrderList.class, DATASET,
                query("status", "order status").oneOf(OrdersController.STATUSES.keySet().stream().sorted().toList(), null),
                query("stage", "current stage of open orders (exact milestone, e.g. PICKED)").text(TEXT),
                CHANNEL, FULFILLMENT_TYPE, REGION, NODE,
                query("from", "placed at or after (ISO-8601 instant)").instant(),
                query("to", "placed before (ISO-8601 instant)").instant(),
                query("limit", "page size").integer(1, OrdersController.MAX_LIMIT, (long) OrdersController.DEFAULT_LIMIT),
                CURSOR).withCsv()));
        r.add(get("/api/orders/{orderId}/trace", Access.ANALYST, orders::trace, OperationDoc.json("orders",
                "One order's trace", "Events in order, stages, handoffs, variant. Without dataset: the most recently "
                        + "placed order with that id in any dataset. As CSV: the events.",
                OrderTrace.class, path("orderId", "order id (percent-encoded)"), DATASET).withCsv().withNotFound()));
    }

    private static void process(List<ApiRoute> r, ProcessController p) {
        ParamDoc dataset = query("dataset", "dataset name (exact); required: activities of different datasets never mix")
                .asRequired().text(TEXT);
        ParamDoc placedFrom = query("from", "keep cases placed at or after (ISO-8601 instant)").instant();
        ParamDoc placedTo = query("to", "keep cases placed before (ISO-8601 instant)").instant();
        r.add(get("/api/process/dfg", Access.ANALYST, p::dfg, OperationDoc.json("process", "Directly-follows graph",
                "The log's figures, DFG edges with frequencies and transition times, start and end activities. As CSV: the edges.",
                Dfg.class, dataset, placedFrom, placedTo, CHANNEL, FULFILLMENT_TYPE,
                query("limit", "edges").integer(1, ProcessController.MAX_EDGES, (long) ProcessController.DEFAULT_EDGES)).withCsv()));
        r.add(get("/api/process/variants", Access.ANALYST, p::variants, OperationDoc.json("process", "Top variants",
                "The log's figures and the most frequent exact activity sequences.", Variants.class, dataset, placedFrom,
                placedTo, CHANNEL, FULFILLMENT_TYPE, query("limit", "variants").integer(1, ProcessController.MAX_VARIANTS,
                        (long) ProcessController.DEFAULT_VARIANTS)).withCsv()));
        r.add(get("/api/process/bottlenecks", Access.ANALYST, p::bottlenecks, OperationDoc.json("process",
                "Waiting time per transition and stage, per node",
                "Of one dataset's cases (optionally placed in [from, to)); see also /api/bottlenecks.", Bottlenecks.class,
                dataset, NODE, query("rank_by", "ranking").oneOf(List.of("total", "mean"), "total"), placedFrom, placedTo,
                CHANNEL, FULFILLMENT_TYPE,
                query("limit", "rows per list").integer(1, ProcessController.MAX_WAITS, (long) ProcessController.DEFAULT_WAITS))
                .withCsv()));
        r.add(get("/api/process/edges", Access.ANALYST, p::edges, OperationDoc.json("process", "DFG edges per time bucket",
                "Each transition in the bucket of its second activity's time; at most 2000 buckets.", EdgeBuckets.class,
                dataset, query("interval", "bucket width").oneOf(names(BucketWidth.values()), "hour"), FROM, TO).withCsv()));
    }

    private static ApiRoute get(String path, Access access, Handler handler, OperationDoc doc) {
        return new ApiRoute(HandlerType.GET, path, access, handler, doc);
    }

    static ApiRoute route(HandlerType method, String path, Access access, Handler handler, OperationDoc doc) {
        return new ApiRoute(method, path, access, handler, doc);
    }

    private static List<String> names(WireNamed[] values) {
        return Arrays.stream(values).map(WireNamed::wireName).toList();
    }
}
