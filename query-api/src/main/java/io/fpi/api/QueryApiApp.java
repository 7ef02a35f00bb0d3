package io.fpi.api;

import io.fpi.api.auth.ApiAuth;
import io.fpi.api.auth.Role;
import io.fpi.api.health.HealthController;
import io.fpi.api.health.HealthService;
import io.fpi.api.health.KafkaProbe;
import io.fpi.api.http.ErrorHandling;
import io.fpi.api.http.JettyErrorHandler;
import io.fpi.api.http.Json;
import io.fpi.api.findings.FindingsController;
import io.fpi.api.findings.FindingsRepository;
import io.fpi.api.findings.FindingsService;
import io.fpi.api.kpis.KpiMinuteRepository;
import io.fpi.api.kpis.KpisController;
import io.fpi.api.kpis.KpisRepository;
import io.fpi.api.kpis.KpisService;
import io.fpi.api.orders.OrdersController;
import io.fpi.api.orders.OrdersRepository;
import io.fpi.api.orders.OrdersService;
import io.fpi.api.process.ProcessController;
import io.fpi.api.process.ProcessRepository;
import io.fpi.api.process.ProcessService;
import io.fpi.api.webhooks.WebhooksController;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.config.Env;
import io.fpi.webhooks.WebhookConfig;
import io.fpi.webhooks.subscriptions.WebhookAdmin;
import io.fpi.webhooks.subscriptions.WebhookRequestException;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;

/**
 * The query API and the dashboard it serves, built from its dependencies so that tests and the
 * launcher wire real or local ones alike. Routes:
 * <ul>
 *   <li>{@code GET /api/health}</li>
 *   <li>{@code GET /api/orders?limit=&status=&dataset=}</li>
 *   <li>{@code GET /api/orders/{orderId}/trace?dataset=}</li>
 *   <li>{@code GET /api/kpis/summary?from=&to=&dataset=}</li>
 *   <li>{@code GET /api/kpis/timeseries?metric=&interval=&from=&to=&dataset=}</li>
 *   <li>{@code GET /api/kpis/rollup?interval=&from=&to=&dataset=&channel=&fulfillment_type=&region=&node=}</li>
 *   <li>{@code GET /api/findings?type=&dataset=&order_id=&from=&to=&limit=}</li>
 *   <li>{@code GET /api/process/dfg?dataset=&from=&to=&limit=}, {@code /variants?dataset=&from=&to=&limit=},
 *       {@code /bottlenecks?dataset=&node=&rank_by=&from=&to=&limit=}, {@code /edges?dataset=&interval=&from=&to=}</li>
 *   <li>{@code /} the dashboard (classpath {@code /public} of fpi-dashboard), {@code /webjars/**}</li>
 *   <li>admin role: {@code POST|GET /api/webhooks}, {@code GET|PATCH|DELETE /api/webhooks/{id}},
 *       {@code GET /api/webhooks/{id}/deliveries}, {@code POST /api/webhooks/{id}/test},
 *       {@code POST /api/webhooks/{id}/deliveries/{deliveryId}/redeliver}</li>
 * </ul>
 * Routes registered with a {@link Role} need a bearer token of that role ({@link ApiAuth}); the
 * others are open. The Kafka probe belongs to the caller, who closes it after {@link #stop()}.
 */
public final class QueryApiApp {
    /** Long query strings (10 kB ids, say) get a JSON 400 from us instead of Jetty's bare 431. */
    private static final int MAX_REQUEST_HEADER_BYTES = 64 * 1024;

    private final Javalin app;
    private final ApiAuth auth;
    private final WebhookAdmin webhookAdmin;

    /** Authentication and webhooks configured from the environment (FPI_AUTH, FPI_API_TOKENS*, FPI_WEBHOOK_*). */
    public QueryApiApp(ClickHouseClient clickHouse, KafkaProbe kafka, ApiConfig config) {
        this(clickHouse, kafka, config, ApiAuth.fromEnv(Env.system(), null), WebhookConfig.fromEnv(Env.system()));
    }

    /**
     * @param auth     who may call the routes that need a role
     * @param webhooks the webhook settings the API needs: allowlist, secret key, timeouts of test sends
     */
    public QueryApiApp(ClickHouseClient clickHouse, KafkaProbe kafka, ApiConfig config, ApiAuth auth, WebhookConfig webhooks) {
        this.auth = auth;
        this.webhookAdmin = new WebhookAdmin(clickHouse, webhooks);
        var hooks = new WebhooksController(webhookAdmin);
        var health = new HealthController(new HealthService(clickHouse.endpoint(), kafka, config.healthTimeout()));
        var orders = new OrdersController(new OrdersService(new OrdersRepository(clickHouse)));
        var kpis = new KpisController(new KpisService(new KpisRepository(clickHouse), new KpiMinuteRepository(clickHouse),
                config.maxTimeseriesPoints()), config);
        var findings = new FindingsController(new FindingsService(new FindingsRepository(clickHouse)));
        var process = new ProcessController(new ProcessService(new ProcessRepository(clickHouse), config.maxTimeseriesPoints()),
                config);
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

            cfg.routes.get("/api/health", health::get);
            cfg.routes.get("/api/orders", orders::list);
            cfg.routes.get("/api/orders/{orderId}/trace", orders::trace);
            cfg.routes.get("/api/kpis/summary", kpis::summary);
            cfg.routes.get("/api/kpis/timeseries", kpis::timeseries);
            cfg.routes.get("/api/kpis/rollup", kpis::rollup);
            cfg.routes.get("/api/findings", findings::list);
            cfg.routes.get("/api/process/dfg", process::dfg);
            cfg.routes.get("/api/process/variants", process::variants);
            cfg.routes.get("/api/process/bottlenecks", process::bottlenecks);
            cfg.routes.get("/api/process/edges", process::edges);

            cfg.routes.post("/api/webhooks", hooks::create, Role.ADMIN);
            cfg.routes.get("/api/webhooks", hooks::list, Role.ADMIN);
            cfg.routes.get("/api/webhooks/{id}", hooks::get, Role.ADMIN);
            cfg.routes.patch("/api/webhooks/{id}", hooks::update, Role.ADMIN);
            cfg.routes.delete("/api/webhooks/{id}", hooks::delete, Role.ADMIN);
            cfg.routes.get("/api/webhooks/{id}/deliveries", hooks::deliveries, Role.ADMIN);
            cfg.routes.post("/api/webhooks/{id}/test", hooks::test, Role.ADMIN);
            cfg.routes.post("/api/webhooks/{id}/deliveries/{deliveryId}/redeliver", hooks::redeliver, Role.ADMIN);
            auth.install(cfg.routes);
            ErrorHandling.install(cfg.routes);
            cfg.routes.exception(WebhookRequestException.class,
                    (e, ctx) -> ErrorHandling.respond(ctx, e.status(), e.code(), e.getMessage()));
        });
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
}
