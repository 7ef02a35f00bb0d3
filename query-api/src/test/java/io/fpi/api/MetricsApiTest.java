package io.fpi.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /metrics parses as Prometheus text and counts what the API did, per route template and query name. */
class MetricsApiTest extends QueryApiTestBase {
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*)})? (-?[0-9.]+(?:[eE][-+]?[0-9]+)?|\\+Inf|NaN)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static Api.Response metrics;
    private static final Map<String, Double> samples = new HashMap<>();

    @BeforeAll
    static void load() {
        api.get("/api/orders?dataset=shop");
        api.get("/api/orders/o1/trace?dataset=shop");
        api.get("/api/orders/no-such/trace");
        api.get("/api/kpis/summary");
        metrics = api.get("/metrics");
        for (String line : metrics.body().lines().toList()) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("not a Prometheus sample: " + line).isTrue();
            samples.put(m.group(1) + labels(m.group(3)), Double.valueOf(m.group(4).replace("+Inf", "Infinity")));
        }
    }

    /** Labels sorted by name, so lookups do not depend on their order in the text. */
    private static String labels(String raw) {
        if (raw == null) {
            return "";
        }
        java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>();
        Matcher l = LABEL.matcher(raw);
        while (l.find()) {
            sorted.put(l.group(1), l.group(2));
        }
        return sorted.toString();
    }

    private static double sample(String name, String... labels) {
        java.util.TreeMap<String, String> m = new java.util.TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            m.put(labels[i], labels[i + 1]);
        }
        Double v = samples.get(name + (m.isEmpty() ? "" : m.toString()));
        assertThat(v).as(name + " " + m).isNotNull();
        return v;
    }

    @Test
    void metrics_are_prometheus_text_with_types() {
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain; version=0.0.4");
        assertThat(metrics.body()).contains("# TYPE fpi_api_http_requests_total counter",
                "# TYPE fpi_api_http_request_duration_seconds histogram",
                "# TYPE fpi_api_clickhouse_query_duration_seconds histogram", "# TYPE fpi_api_jvm_heap_used_bytes gauge");
    }

    @Test
    void requests_are_counted_per_route_template_method_and_status() {
        assertThat(sample("fpi_api_http_requests_total", "route", "/api/orders", "method", "GET", "status", "200"))
                .isGreaterThanOrEqualTo(1);
        assertThat(sample("fpi_api_http_requests_total", "route", "/api/orders/{orderId}/trace", "method", "GET",
                "status", "404")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void latency_histograms_are_cumulative_and_end_with_their_count() {
        String[] route = {"route", "/api/orders/{orderId}/trace", "method", "GET"};
        double count = sample("fpi_api_http_request_duration_seconds_count", route);
        double previous = 0;
        for (String le : new String[] {"0.001", "0.01", "0.1", "1.0", "10.0", "+Inf"}) {
            double bucket = sample("fpi_api_http_request_duration_seconds_bucket", route[0], route[1], route[2], route[3], "le", le);
            assertThat(bucket).isGreaterThanOrEqualTo(previous);
            previous = bucket;
        }
        assertThat(previous).isEqualTo(count).isGreaterThanOrEqualTo(2);
        assertThat(sample("fpi_api_http_request_duration_seconds_sum", route)).isPositive();
    }

    @Test
    void clickhouse_query_times_are_recorded_per_query_name() {
        assertThat(sample("fpi_api_clickhouse_query_duration_seconds_count", "query", "orders.page")).isGreaterThanOrEqualTo(1);
        assertThat(sample("fpi_api_clickhouse_query_duration_seconds_count", "query", "orders.trace")).isGreaterThanOrEqualTo(2);
        assertThat(sample("fpi_api_clickhouse_query_duration_seconds_count", "query", "kpis.minutes")).isGreaterThanOrEqualTo(1);
        assertThat(sample("fpi_api_kpi_cache_totals")).isGreaterThanOrEqualTo(1);
    }
}
