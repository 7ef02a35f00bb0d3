package io.fpi.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiMetricsTest {

    @Test
    void histogram_buckets_are_cumulative_and_end_with_the_count() {
        ApiMetrics m = new ApiMetrics();
        m.recordRequest("/api/orders", "GET", 200, 0.003);
        m.recordRequest("/api/orders", "GET", 200, 0.2);
        m.recordRequest("/api/orders", "GET", 400, 20.0);

        List<String> lines = m.prometheusText().lines().toList();

        assertThat(lines).contains("fpi_api_http_requests_total{route=\"/api/orders\",method=\"GET\",status=\"200\"} 2",
                "fpi_api_http_requests_total{route=\"/api/orders\",method=\"GET\",status=\"400\"} 1",
                "fpi_api_http_request_duration_seconds_bucket{route=\"/api/orders\",method=\"GET\",le=\"0.0025\"} 0",
                "fpi_api_http_request_duration_seconds_bucket{route=\"/api/orders\",method=\"GET\",le=\"0.005\"} 1",
                "fpi_api_http_request_duration_seconds_bucket{route=\"/api/orders\",method=\"GET\",le=\"0.25\"} 2",
                "fpi_api_http_request_duration_seconds_bucket{route=\"/api/orders\",method=\"GET\",le=\"10.0\"} 2",
                "fpi_api_http_request_duration_seconds_bucket{route=\"/api/orders\",method=\"GET\",le=\"+Inf\"} 3",
                "fpi_api_http_request_duration_seconds_count{route=\"/api/orders\",method=\"GET\"} 3");
    }

    @Test
    void label_values_escape_backslashes_quotes_and_newlines() {
        assertThat(ApiMetrics.escape("a\\b\"c\nd")).isEqualTo("a\\\\b\\\"c\\nd");
    }

    @Test
    void clickhouse_queries_are_timed_and_failures_counted_by_name() {
        ApiMetrics m = new ApiMetrics();
        m.recordQuery("orders.page", 0.04, false);
        m.recordQuery("orders.page", 0.5, true);

        String text = m.prometheusText();

        assertThat(text).contains("fpi_api_clickhouse_query_duration_seconds_count{query=\"orders.page\"} 2")
                .contains("fpi_api_clickhouse_query_failures_total{query=\"orders.page\"} 1")
                .contains("# TYPE fpi_api_clickhouse_query_duration_seconds histogram");
    }
}
