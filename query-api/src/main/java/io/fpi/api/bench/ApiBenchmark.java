package io.fpi.api.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fpi.api.ApiConfig;
import io.fpi.api.QueryApiApp;
import io.fpi.api.health.KafkaProbe;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import io.fpi.runtime.local.FreePorts;
import io.fpi.runtime.local.LocalClickHouse;
import io.fpi.runtime.migrations.Migrations;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code bin/fpi bench api}: the query API's latency with ~10 M events loaded and ingestion running,
 * beside the time of the same KPI answer computed from raw events. Generates the data straight into a
 * scratch database (or reuses it, see {@link BenchData}), starts the API in-process, writes live data
 * meanwhile ({@link Ingestion}), then requests, one at a time:
 * <ul>
 *   <li>KPIs over the last 30 days: the summary, an hourly and a daily-per-channel time series;</li>
 *   <li>drill-downs (the brief's: order list, trace, bottlenecks): an order page, the next page, a filtered
 *       page, a trace, bottlenecks by stage and by node (last 24 h);</li>
 *   <li>others, reported apart: a findings page, exception patterns (last 24 h);</li>
 *   <li>raw: the summary's core from {@code events FINAL} (no traces, no kpi_minute).</li>
 * </ul>
 * Prints {@code name: value unit} lines, among them api_kpi_p95_ms, api_drilldown_p95_ms and
 * raw_kpi_p95_ms; lines starting with # are progress. "Now" is the data's end plus the time elapsed,
 * so windows move like a dashboard's and never align with whole hours.
 *
 * <p>Options: --events N (10000000), --days D (30), --iterations N (40), --warmup N (2),
 * --raw-iterations N (5), --ingest-orders-per-second N (20, about 265 events/s; 0 = none), --database NAME
 * (fpi_bench_api), --clickhouse-url URL (else FPI_CLICKHOUSE_URL, else a local clickhouse-server over
 * --data-dir, default .fpi/bench-api under fpi.home or the working directory), --regenerate, --metrics-out FILE
 * (the API's /metrics text at the end: where the time went, per route and per ClickHouse query).
 */
public final class ApiBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DAY_MS = 86_400_000L;

    public static final String USAGE = """
            usage: fpi bench api [--events N] [--days D] [--iterations N] [--warmup N] [--raw-iterations N]
                                 [--ingest-orders-per-second N] [--database NAME] [--clickhouse-url URL] [--data-dir DIR]
                                 [--regenerate] [--metrics-out FILE]
              --events       events loaded (default 10000000; generated once, reused by later runs)
              --days         their span, ending now (default 30)
              --iterations   measured requests per query (default 40), after --warmup (default 2)
              --raw-iterations  timings of the raw-events answer (default 5)
              --ingest-orders-per-second  live writes meanwhile (default 20, about 265 events/s; 0 = none)
              --clickhouse-url  else FPI_CLICKHOUSE_URL, else a local clickhouse-server over --data-dir
            prints api_kpi_p95_ms, api_drilldown_p95_ms, raw_kpi_p95_ms and the other figures as 'name: value unit'
            """;

    private ApiBenchmark() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** @return 0 when every request was answered 200 */
    public static int run(String[] args, PrintStream out) {
        Map<String, String> o = options(args);
        if (o.containsKey("help") || List.of(args).contains("-h")) {
            out.print(USAGE);
            return 0;
        }
        long events = Long.parseLong(o.getOrDefault("events", "10000000"));
        long spanMs = Long.parseLong(o.getOrDefault("days", "30")) * DAY_MS;
        String database = o.getOrDefault("database", "fpi_bench_api");
        LocalClickHouse local = null;
        String url = o.getOrDefault("clickhouse-url", System.getenv("FPI_CLICKHOUSE_URL"));
        try {
            if (url == null || url.isBlank()) {
                Path dir = Path.of(o.getOrDefault("data-dir", Path.of(System.getProperty("fpi.home", "."), ".fpi", "bench-api").toString()));
                var running = LocalClickHouse.findRunning(dir);
                if (running.isPresent()) {
                    url = running.get().url();
                } else {
                    local = LocalClickHouse.start(dir);
                    url = local.url();
                }
            }
            ClickHouseClient ch = new ClickHouseClient(new ClickHouseEndpoint(url, database, System.getenv("FPI_CLICKHOUSE_USER"),
                    System.getenv("FPI_CLICKHOUSE_PASSWORD")), Duration.ofMinutes(10));
            Migrations.apply(ch);
            long orders = Math.round(events / BenchData.EVENTS_PER_ORDER);
            BenchData.Loaded data = o.containsKey("regenerate") ? null : BenchData.existing(ch, orders, spanMs);
            if (data == null) {
                out.printf("# generating %d orders (~%d events) over %d days into %s%n", orders, events, spanMs / DAY_MS, database);
                long end = System.currentTimeMillis() / 60_000 * 60_000;
                data = BenchData.generate(ch, orders, end, spanMs, out);
            } else {
                out.println("# reusing the generated data in " + database);
            }
            return measure(ch, data, o, out);
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }

    private static int measure(ClickHouseClient ch, BenchData.Loaded data, Map<String, String> o, PrintStream out) {
        int iterations = Integer.parseInt(o.getOrDefault("iterations", "40"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "2"));
        int rawIterations = Integer.parseInt(o.getOrDefault("raw-iterations", "5"));
        int ingestRate = Integer.parseInt(o.getOrDefault("ingest-orders-per-second", "20"));
        long wallStart = System.currentTimeMillis();
        long[] live = BenchData.liveStart(ch, data);
        java.util.function.LongSupplier now = () -> live[1] + (System.currentTimeMillis() - wallStart);
        KafkaProbe kafka = new KafkaProbe("127.0.0.1:" + FreePorts.pick(), Duration.ofSeconds(1));
        QueryApiApp app = new QueryApiApp(ch, kafka, ApiConfig.defaults()).start("127.0.0.1", 0);
        Ingestion ingestion = ingestRate > 0 ? new Ingestion(ch, live[0], live[1], now, ingestRate).start() : null;
        pause(ingestion == null ? 0 : 3_000); // let it write a few seconds before anything is measured
        Client client = new Client(app.port());
        Map<String, List<Double>> kpi = new LinkedHashMap<>();
        Map<String, List<Double>> drill = new LinkedHashMap<>();
        Map<String, List<Double>> other = new LinkedHashMap<>();
        List<Double> raw = new ArrayList<>();
        Random random = new Random(7);
        try {
            out.printf("bench_events: %d events%n", data.events());
            out.printf("bench_orders: %d orders%n", data.orders());
            for (int i = 0; i < warmup + iterations; i++) {
                boolean measured = i >= warmup;
                long t = now.getAsLong();
                String month = "dataset=bench&from=" + iso(t - 30 * DAY_MS) + "&to=" + iso(t);
                String day = "dataset=bench&from=" + iso(t - DAY_MS) + "&to=" + iso(t);
                double first = client.time(kpi, measured, "summary", "/api/kpis/summary?" + month);
                if (i == 0) {
                    out.printf("api_kpi_summary_cold_ms: %.0f ms%n", first);
                }
                client.time(kpi, measured, "timeseries_hour", "/api/kpis/timeseries?metric=orders_completed&interval=hour&" + month);
                client.time(kpi, measured, "timeseries_day_by_channel",
                        "/api/kpis/timeseries?metric=cycle_time_p90_ms&interval=day&groupBy=channel&" + month);
                client.time(drill, measured, "orders_page", "/api/orders?limit=50&" + month);
                String cursor = client.last.path("next_cursor").asText(null);
                client.time(drill, measured, "orders_next_page", "/api/orders?limit=50&" + month
                        + (cursor == null ? "" : "&cursor=" + cursor));
                client.time(drill, measured, "orders_filtered", "/api/orders?limit=50&status=open&channel=WEB&" + month);
                String id = BenchSql.orderId(random.nextInt((int) data.orders()));
                client.time(drill, measured, "trace", "/api/orders/" + id + "/trace?dataset=bench");
                client.time(drill, measured, "bottlenecks_by_stage", "/api/bottlenecks?groupBy=stage&" + day);
                client.time(drill, measured, "bottlenecks_by_node", "/api/bottlenecks?groupBy=node&limit=50&" + day);
                client.time(other, measured, "findings_page", "/api/findings?type=SLA_BREACH&limit=50&dataset=bench");
                client.time(other, measured, "exception_patterns", "/api/exceptions/patterns?" + day);
            }
            long t = now.getAsLong();
            String rawSql = BenchSql.render("raw_kpis.sql", BenchData.DATASET, Map.of("from", t - 30 * DAY_MS, "to", t));
            JsonNode rawAnswer = null;
            for (int i = 0; i < rawIterations; i++) {
                long s = System.nanoTime();
                rawAnswer = ch.queryOne(rawSql);
                raw.add((System.nanoTime() - s) / 1e6);
            }
            report(out, kpi, drill, other, raw);
            if (rawAnswer != null) {
                // whole minutes: a kpi_minute row counts in a window when its minute starts in it
                long m = t - t % 60_000;
                rawAnswer = ch.queryOne(BenchSql.render("raw_kpis.sql", BenchData.DATASET, Map.of("from", m - 30 * DAY_MS, "to", m)));
                JsonNode api = client.get("/api/kpis/summary?dataset=bench&from=" + iso(m - 30 * DAY_MS) + "&to=" + iso(m));
                out.printf("check_orders_placed_api_minus_raw: %d orders%n",
                        api.path("orders_placed").asLong() - rawAnswer.path("orders_placed").asLong());
                out.printf("check_orders_completed_api_minus_raw: %d orders%n",
                        api.path("orders_completed").asLong() - rawAnswer.path("orders_completed").asLong());
            }
            if (ingestion != null) {
                out.printf("bench_ingested_orders: %d orders%n", ingestion.orders());
                out.printf("bench_ingest_failed_ticks: %d ticks%n", ingestion.failures());
            }
            out.printf("api_errors: %d requests%n", client.errors);
            if (o.containsKey("metrics-out")) {
                java.nio.file.Files.writeString(Path.of(o.get("metrics-out")), app.metrics().prometheusText());
            }
            return client.errors == 0 ? 0 : 1;
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (ingestion != null) {
                ingestion.close();
            }
            app.stop();
            kafka.close();
        }
    }

    private static void report(PrintStream out, Map<String, List<Double>> kpi, Map<String, List<Double>> drill,
                               Map<String, List<Double>> other, List<Double> raw) {
        out.printf("api_kpi_p95_ms: %.0f ms%n", p95(kpi.values().stream().flatMap(List::stream).toList()));
        out.printf("api_drilldown_p95_ms: %.0f ms%n", p95(drill.values().stream().flatMap(List::stream).toList()));
        out.printf("raw_kpi_p95_ms: %.0f ms%n", p95(raw));
        kpi.forEach((k, v) -> out.printf("api_kpi_%s_p95_ms: %.0f ms%n", k, p95(v)));
        drill.forEach((k, v) -> out.printf("api_drilldown_%s_p95_ms: %.0f ms%n", k, p95(v)));
        other.forEach((k, v) -> out.printf("api_other_%s_p95_ms: %.0f ms%n", k, p95(v)));
        out.printf("api_kpi_p50_ms: %.0f ms%n", quantile(kpi.values().stream().flatMap(List::stream).toList(), 0.5));
        out.printf("api_drilldown_p50_ms: %.0f ms%n", quantile(drill.values().stream().flatMap(List::stream).toList(), 0.5));
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Nearest rank: the value at rank ceil(0.95 n). */
    static double p95(List<Double> values) {
        return quantile(values, 0.95);
    }

    static double quantile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static String iso(long ms) {
        return URLEncoder.encode(Instant.ofEpochMilli(ms).toString(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                continue; // e.g. "api" when called as bin/fpi bench api
            }
            String name = args[i].substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            o.put(name, flag ? "true" : args[++i]);
        }
        return o;
    }

    /** Sequential HTTP requests, timed from send to the last byte. */
    private static final class Client {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;
        private JsonNode last;
        private int errors;

        Client(int port) {
            this.base = "http://127.0.0.1:" + port;
        }

        double time(Map<String, List<Double>> into, boolean measured, String name, String pathAndQuery) {
            long s = System.nanoTime();
            last = get(pathAndQuery);
            double ms = (System.nanoTime() - s) / 1e6;
            if (measured) {
                into.computeIfAbsent(name, k -> new ArrayList<>()).add(ms);
            }
            return ms;
        }

        JsonNode get(String pathAndQuery) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                        .timeout(Duration.ofMinutes(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    errors++;
                }
                return JSON.readTree(r.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
