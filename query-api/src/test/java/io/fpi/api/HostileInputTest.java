package io.fpi.api;

import static io.fpi.api.Api.path;
import static io.fpi.api.Api.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every parameter, fed strings built to break out of a SQL literal or a parser. Each answer must
 * be a 400 with a JSON error, or the correct answer for a value that matches nothing (an empty
 * list, a 404 for an order id): never a 500, never a stack trace, never a changed table.
 */
class HostileInputTest extends QueryApiTestBase {
    static final List<String> HOSTILE = List.of("'", "\\", "\\'", "';DROP TABLE traces;--", "a' OR '1'='1",
            "shop' OR dataset != '", "/* c */ --", "1; SELECT 1", "\u0001\n\r\t\u007f", "ünïcödé ✓ 𝄞 中文",
            "\\x41", "'\\''\\\\'", "%00", "${jndi:ldap://x}", "..%2F..%2Fetc", "x".repeat(10_000), "✓".repeat(10_000));

    static Stream<String> hostile() {
        return HOSTILE.stream();
    }

    /** Numbers a parser might take for something else, or that overflow. */
    static final List<String> NUMBERS = List.of("2147483648", "-2147483649", "99999999999999999999", "1e309", "NaN",
            "Infinity", "-0x10", "0x7fffffff", "1.0", " 1 1", "+9999999", "-1");

    static Stream<String> numbers() {
        return NUMBERS.stream();
    }

    private static final String COUNTS = "SELECT (SELECT count() FROM traces FINAL) AS traces,"
            + " (SELECT count() FROM events FINAL) AS events, (SELECT count() FROM kpi_minute FINAL) AS kpi_minute,"
            + " (SELECT count() FROM findings FINAL) AS findings,"
            + " (SELECT count() FROM exception_windows FINAL) AS exception_windows";
    private static JsonNode countsBefore;

    @BeforeAll
    static void countRows() {
        countsBefore = FixtureClickHouse.client().queryOne(COUNTS);
        assertThat(countsBefore.get("traces").asInt()).isGreaterThanOrEqualTo(8);
        assertThat(countsBefore.get("events").asInt()).isEqualTo(7);
    }

    @AfterAll
    static void tablesAreUntouched() {
        assertThat(FixtureClickHouse.client().queryOne(COUNTS)).isEqualTo(countsBefore);
    }

    private static void assertRefusedOrEmpty(Api.Response r, String listField) {
        assertThat(r.status()).as(r.toString()).isIn(200, 400, 414);
        JsonNode json = r.json();
        if (r.status() == 200) {
            assertThat(json.get(listField)).as(r.toString()).isEmpty();
        } else {
            assertThat(json.get("error").asText()).isIn("bad_request", "too_large");
            assertThat(json.get("message").asText()).isNotBlank().doesNotContain("Exception", "\tat ");
        }
    }

    private static void assertRefused(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isIn(400, 414);
        assertThat(r.json().get("message").asText()).doesNotContain("Exception", "\tat ");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostile_dataset_on_orders_gives_400_or_no_orders(String s) {
        assertRefusedOrEmpty(api.get("/api/orders?" + q("dataset", s)), "orders");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostile_status_and_limit_on_orders_give_400(String s) {
        assertRefused(api.get("/api/orders?" + q("status", s)));
        assertRefused(api.get("/api/orders?" + q("limit", s)));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostile_order_id_gives_400_or_404(String s) {
        Api.Response r = api.get("/api/orders/" + path(s) + "/trace");

        assertThat(r.status()).as(r.toString()).isIn(400, 404, 414);
        assertThat(r.json().get("error").asText()).isIn("bad_request", "not_found", "too_large");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostile_dataset_on_trace_gives_400_or_404(String s) {
        Api.Response r = api.get("/api/orders/o1/trace?" + q("dataset", s));

        assertThat(r.status()).as(r.toString()).isIn(400, 404, 414);
        assertThat(r.json().get("error").asText()).isIn("bad_request", "not_found", "too_large");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostile_from_and_to_on_kpis_give_400(String s) {
        assertRefused(api.get("/api/kpis/summary?" + q("from", s)));
        assertRefused(api.get("/api/kpis/summary?" + q("to", s)));
        assertRefused(api.get("/api/kpis/timeseries?metric=orders_placed&" + q("from", s)));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostile_dataset_on_kpis_gives_400_or_zero_counts(String s) {
        Api.Response r = api.get("/api/kpis/summary?" + q("dataset", s));

        assertThat(r.status()).as(r.toString()).isIn(200, 400, 414);
        if (r.status() == 200) {
            assertThat(r.json().get("orders_placed").asLong()).isZero();
            assertThat(r.json().get("cycle_time_p50_ms").isNull()).isTrue();
        }
        Api.Response series = api.get("/api/kpis/timeseries?metric=orders_placed&interval=hour&" + q("dataset", s));
        assertThat(series.status()).as(series.toString()).isIn(200, 400, 414);
        if (series.status() == 200) {
            assertThat(series.json().get("points")).hasSize(24).allSatisfy(p -> assertThat(p.get("value").asLong()).isZero());
        }
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostile_metric_and_interval_on_timeseries_give_400(String s) {
        assertRefused(api.get("/api/kpis/timeseries?" + q("metric", s)));
        assertRefused(api.get("/api/kpis/timeseries?metric=orders_placed&" + q("interval", s)));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostile_type_and_limit_on_findings_give_400(String s) {
        assertRefused(api.get("/api/findings?" + q("type", s)));
        assertRefused(api.get("/api/findings?" + q("limit", s)));
        assertRefused(api.get("/api/findings?" + q("from", s)));
        assertRefused(api.get("/api/findings?" + q("to", s)));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostile_dataset_and_order_id_on_findings_give_400_or_no_findings(String s) {
        assertRefusedOrEmpty(api.get("/api/findings?" + q("dataset", s)), "findings");
        assertRefusedOrEmpty(api.get("/api/findings?" + q("order_id", s)), "findings");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostile_dataset_on_process_gives_400_or_an_empty_log(String s) {
        for (String endpoint : List.of("dfg", "variants")) {
            Api.Response r = api.get("/api/process/" + endpoint + "?" + q("dataset", s));
            assertThat(r.status()).as(r.toString()).isIn(200, 400, 414);
            if (r.status() == 200) {
                assertThat(r.json().get("cases").asLong()).isZero();
                assertThat(r.json().get("dfg_edges").asLong()).isZero();
            }
        }
        assertRefusedOrEmpty(api.get("/api/process/bottlenecks?" + q("dataset", s)), "transitions");
        assertRefusedOrEmpty(api.get("/api/process/edges?" + q("dataset", s)), "buckets");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostile_node_on_bottlenecks_gives_400_or_nothing(String s) {
        assertRefusedOrEmpty(api.get("/api/process/bottlenecks?dataset=shop&" + q("node", s)), "stages");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostile_limits_windows_and_choices_on_process_give_400(String s) {
        assertRefused(api.get("/api/process/dfg?dataset=proc&" + q("limit", s)));
        assertRefused(api.get("/api/process/variants?dataset=proc&" + q("limit", s)));
        assertRefused(api.get("/api/process/variants?dataset=proc&" + q("from", s)));
        assertRefused(api.get("/api/process/bottlenecks?dataset=proc&" + q("rank_by", s)));
        assertRefused(api.get("/api/process/edges?dataset=proc&" + q("interval", s)));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostile_dimensions_on_rollup_give_400_or_empty_buckets(String s) {
        for (String name : List.of("dataset", "channel", "fulfillment_type", "region", "node")) {
            Api.Response r = api.get("/api/kpis/rollup?interval=hour&" + q(name, s));
            assertThat(r.status()).as(r.toString()).isIn(200, 400, 414);
            if (r.status() == 200) {
                assertThat(r.json().get("points")).hasSize(24)
                        .allSatisfy(p -> assertThat(p.get("orders_placed").asLong()).isZero());
            }
        }
        assertRefused(api.get("/api/kpis/rollup?" + q("interval", s)));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostile_filters_on_orders_give_400_or_no_orders(String s) {
        for (String name : List.of("stage", "channel", "fulfillment_type", "region", "node")) {
            assertRefusedOrEmpty(api.get("/api/orders?" + q(name, s)), "orders");
        }
        assertRefused(api.get("/api/orders?" + q("from", s)));
        assertRefused(api.get("/api/orders?" + q("to", s)));
        assertRefused(api.get("/api/orders?" + q("cursor", s)));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostile_node_severity_and_cursor_on_findings_give_400_or_no_findings(String s) {
        assertRefusedOrEmpty(api.get("/api/findings?" + q("node", s)), "findings");
        assertRefusedOrEmpty(api.get("/api/findings?" + q("severity", s)), "findings");
        assertRefused(api.get("/api/findings?" + q("cursor", s)));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostile_dimensions_on_the_summary_and_timeseries_give_400_or_zero(String s) {
        for (String name : List.of("channel", "fulfillment_type", "region", "node")) {
            Api.Response r = api.get("/api/kpis/summary?" + q(name, s));
            assertThat(r.status()).as(r.toString()).isIn(200, 400, 414);
            if (r.status() == 200) {
                assertThat(r.json().get("orders_placed").asLong()).isZero();
                assertThat(r.json().get("orders_open").asLong()).isZero();
                assertThat(r.json().get("previous").get("orders_placed").asLong()).isZero();
            }
            Api.Response ts = api.get("/api/kpis/timeseries?metric=orders_placed&interval=hour&groupBy=channel&" + q(name, s));
            assertThat(ts.status()).as(ts.toString()).isIn(200, 400, 414);
            if (ts.status() == 200) {
                assertThat(ts.json().get("series")).isEmpty();
            }
        }
        assertRefused(api.get("/api/kpis/timeseries?metric=orders_placed&" + q("groupBy", s)));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostile_values_on_bottlenecks_give_400_or_no_rows(String s) {
        for (String name : List.of("dataset", "channel", "fulfillment_type", "region", "node")) {
            assertRefusedOrEmpty(api.get("/api/bottlenecks?" + q(name, s)), "bottlenecks");
        }
        for (String name : List.of("groupBy", "rank_by", "limit", "from", "to")) {
            assertRefused(api.get("/api/bottlenecks?" + q(name, s)));
        }
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostile_values_on_exception_patterns_give_400_or_no_patterns(String s) {
        for (String name : List.of("dataset", "error_code", "source_system", "node", "region", "channel")) {
            assertRefusedOrEmpty(api.get("/api/exceptions/patterns?" + q(name, s)), "top");
        }
        for (String name : List.of("scope", "limit", "from", "to")) {
            assertRefused(api.get("/api/exceptions/patterns?" + q(name, s)));
        }
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostile_format_or_parameter_names_give_400_on_every_route(String s) {
        for (String path : List.of("/api/orders", "/api/kpis/summary", "/api/findings", "/api/bottlenecks",
                "/api/exceptions/patterns", "/api/process/dfg?dataset=proc", "/api/health", "/metrics", "/openapi.json")) {
            String sep = path.contains("?") ? "&" : "?";
            if (!path.startsWith("/api/health") && !path.equals("/metrics") && !path.equals("/openapi.json")) {
                assertRefused(api.get(path + sep + q("format", s)));
            }
            Api.Response unknown = api.get(path + sep + java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
                    + "=1");
            assertRefused(unknown);
            if (unknown.status() == 400) {
                assertThat(unknown.json().get("message").asText()).startsWith("unknown parameter").hasSizeLessThan(400);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("numbers")
    void numbers_out_of_range_or_in_odd_notations_give_400(String n) {
        assertRefused(api.get("/api/orders?" + q("limit", n)));
        assertRefused(api.get("/api/findings?" + q("limit", n)));
        assertRefused(api.get("/api/bottlenecks?" + q("limit", n)));
        assertRefused(api.get("/api/exceptions/patterns?" + q("limit", n)));
        assertRefused(api.get("/api/process/variants?dataset=proc&" + q("limit", n)));
        assertRefused(api.get("/api/kpis/summary?" + q("from", n)));
        assertRefused(api.get("/api/orders?" + q("to", n)));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"+1000000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z",
        "10000-01-01T00:00:00Z", "2024-02-30T00:00:00Z", "2024-03-01T25:00:00Z", "2024-03-01T10:00:00+19:00"})
    void instants_outside_the_calendar_or_the_range_give_400(String t) {
        assertRefused(api.get("/api/kpis/summary?" + q("from", t)));
        assertRefused(api.get("/api/orders?" + q("from", t)));
        assertRefused(api.get("/api/bottlenecks?" + q("to", t)));
    }
}
