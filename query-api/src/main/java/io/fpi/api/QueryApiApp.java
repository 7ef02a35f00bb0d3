package io.fpi.api;

import io.fpi.api.auth.ApiAuth;
import io.fpi.api.bottlenecks.BottlenecksController;
import io.fpi.api.bottlenecks.BottlenecksService;
import io.fpi.api.bottlenecks.StageWaitsRepository;
import io.fpi.api.clickhouse.TimedClickHouse;
import io.fpi.api.exceptions.PatternsController;
import io.fpi.api.exceptions.PatternsRepository;
import io.fpi.api.exceptions.PatternsService;
import io.fpi.api.findings.FindingsController;
import io.fpi.api.findings.FindingsRepository;
import io.fpi.api.findings.FindingsService;
import io.fpi.api.health.HealthController;
import io.fpi.api.health.HealthService;
import io.fpi.api.health.KafkaProbe;
import io.fpi.api.http.ApiException;
import io.fpi.api.http.ErrorHandling;
import io.fpi.api.http.JettyErrorHandler;
import io.fpi.api.http.Json;
import io.fpi.api.kpis.KpisController;
import io.fpi.api.kpis.KpisService;
import io.fpi.api.metrics.ApiMetrics;
import io.fpi.api.metrics.MetricsController;
import io.fpi.api.orders.OrdersController;
import io.fpi.api.orders.OrdersRepository;
import io.fpi.api.orders.OrdersService;
import io.fpi.api.process.ProcessController;
import io.fpi.api.process.ProcessRepository;
import io.fpi.api.process.ProcessService;
import io.fpi.api.routes.ApiRoute;
import io.fpi.api.routes.ApiRoutes;
import io.fpi.api.routes.OpenApi;
import io.fpi.api.webhooks.WebhooksController;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.webhooks.WebhookConfig;
import io.fpi.webhooks.subscriptions.WebhookAdmin;
import io.fpi.webhooks.subscriptions.WebhookRequestException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The query API and the dashboard it serves, built from its dependencies so that tests and the
 * launcher wire real or local ones alike. The routes, their roles and their documentation are the
 * table of {@link ApiRoutes}; {@link #routes()} hands it to whoever needs it (the auth, docs). Every
 * route refuses query parameters it does not document, answers errors as JSON and is counted in
 * /metrics. Also {@code /} the dashboard (classpath {@code /public} of fpi-dashboard) and {@code /webjars/**}.
 * Every route but health and /openapi.json needs a bearer token of the route's role ({@link ApiAuth}).
 * The Kafka probe belongs to the caller, who closes it after {@link #stop()}.
 */
public final class QueryApiApp {
    /** Long query strings (10 kB ids, say) get a JSON 400 from us instead of Jetty's bare 431. */
    private static final int MAX_REQUEST_HEADER_BYTES = 64 * 1024;
    private static final String VERSION = "0.1.0";

    private final Javalin app;
    private final List<ApiRoute> routes;
    private final ApiMetrics metrics = new ApiMetrics();
    private final ApiAuth auth;
    private final WebhookAdmin webhookAdmin;

    /**
     * Without authentication ({@link ApiAuth#off()}, so it starts only on loopback) and with the
     * webhook settings of the environment: for tests and benchmarks on this machine.
     */
    public QueryApiApp(ClickHouseClient clickHouse, KafkaProbe kafka, ApiConfig config) {
        this(clickHouse, kafka, config, ApiAuth.off(), WebhookConfig.fromEnv(io.fpi.runtime.config.Env.system()));
    }

    /**
     * @param auth     who may call which route: runs before every route with the route's declared role
     * @param webhooks the webhook settings the API needs: allowlist, secret key, timeouts of test sends
     */
    public QueryApiApp(ClickHouseClient clickHouse, KafkaProbe kafka, ApiConfig config, ApiAuth auth, WebhookConfig webhooks) {
        this.auth = auth;
        this.webhookAdmin = new WebhookAdmin(clickHouse, webhooks);
        TimedClickHouse ch = new TimedClickHouse(clickHouse, metrics);
        var controllers = new ApiRoutes.Controllers(
                new HealthController(new HealthService(clickHouse.endpoint(), kafka, config.healthTimeout())),
                new OrdersController(new OrdersService(new OrdersRepository(ch))),
                new KpisController(new KpisService(ch, metrics, config.maxTimeseriesPoints(), config.kpiCacheTotals(),
                        config.maxOpenOrders()), config),
                new FindingsController(new FindingsService(new FindingsRepository(ch))),
                new ProcessController(new ProcessService(new ProcessRepository(ch), config.maxTimeseriesPoints()), config),
                new BottlenecksController(new BottlenecksService(new StageWaitsRepository(ch)), config),
                new PatternsController(new PatternsService(new PatternsRepository(ch)), config),
                new MetricsController(metrics),
                new WebhooksController(webhookAdmin));
        // the document describes the table that serves it, so it is made once the table exists
        AtomicReference<Map<String, Object>> openApi = new AtomicReference<>();
        this.routes = ApiRoutes.table(controllers, () -> ctx -> ctx.json(openApi.get()));
        openApi.set(OpenApi.document(routes, VERSION));
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(Json.mapper(), false));
            cfg.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES));
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrorHandler()));
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/public";
                files.location = Location.CLASSPATH;
            });
            cfg.staticFiles.enableWebjars();
            cfg.requestLogger.http((ctx, ms) -> metrics.recordRequest(routeLabel(ctx), ctx.method().name(), ctx.statusCode(),
                    ms / 1000.0));
            for (ApiRoute r : routes) {
                cfg.routes.addHttpHandler(r.method(), r.path(), guarded(r, auth), r.access());
            }
            ErrorHandling.install(cfg.routes);
            cfg.routes.exception(WebhookRequestException.class,
                    (e, ctx) -> ErrorHandling.respond(ctx, e.status(), e.code(), e.getMessage()));
        });
    }

    /** The route table: method, path, least role, handler and documentation of every API route. */
    public List<ApiRoute> routes() {
        return routes;
    }

    public ApiMetrics metrics() {
        return metrics;
    }

    public Javalin javalinApp() {
        return app;
    }

    /** Port 0 picks a free port; {@link #port()} tells which. */
    public QueryApiApp start(String host, int port) {
        auth.checkBind(host);
        app.start(host, port);
        return this;
    }

    public void stop() {
        app.stop();
        webhookAdmin.close();
    }

    public int port() {
        return app.port();
    }

    /** The access check, then a 400 for undocumented query parameters (a typo must not silently widen a filter). */
    private static Handler guarded(ApiRoute route, ApiAuth access) {
        Set<String> accepted = new TreeSet<>(route.doc().queryParamNames());
        return ctx -> {
            access.check(ctx, route.access());
            for (String name : ctx.queryParamMap().keySet()) {
                if (!accepted.contains(name)) {
                    throw ApiException.badRequest("unknown parameter '" + abbreviate(name) + "': " + route.path()
                            + (accepted.isEmpty() ? " takes no parameters" : " accepts " + String.join(", ", accepted)));
                }
            }
            route.handler().handle(ctx);
        };
    }

    private static String abbreviate(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }

    /** The route template, so that labels stay few: never the raw path. */
    private static String routeLabel(Context ctx) {
        Endpoint e = null;
        try {
            e = ctx.endpoints().matchedHttpEndpoint();
        } catch (RuntimeException ignored) {
            // no endpoint matched: a static file or a 404
        }
        if (e != null) {
            return e.path;
        }
        return ctx.statusCode() == 404 ? "unmatched" : "static";
    }
}
