package io.fpi.api;

import static io.fpi.api.Api.q;
import static io.fpi.api.Fixtures.T0;
import static io.fpi.api.Fixtures.T0_PLUS_4H;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.runtime.sketch.DurationSketch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The KPIs read from kpi_minute: expectations from {@link KpiFixtures} (and {@link Fixtures} for the trace-based ones). */
class KpiMinuteApiTest extends QueryApiTestBase {
    private static final String WINDOW = q("from", T0.toString()) + "&" + q("to", T0_PLUS_4H.toString());

    private static JsonNode ok(String pathAndQuery) {
        Api.Response r = api.get(pathAndQuery);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    /** What the histogram gives back for a single duration: its bucket's representative. */
    private static long sketched(long ms) {
        return DurationSketch.value(DurationSketch.bucket(ms));
    }

    private static List<Long> longs(JsonNode points, String field) {
        List<Long> out = new ArrayList<>();
        points.forEach(p -> out.add(p.get(field).isNull() ? null : p.get(field).asLong()));
        return out;
    }

    @Test
    void GET_kpi_summary_keeps_every_existing_field() {
        JsonNode s = ok("/api/kpis/summary?" + WINDOW + "&dataset=shop");

        for (String field : List.of("orders_placed", "orders_completed", "orders_open", "orders_cancelled",
                "orders_returned", "cycle_time_p50_ms", "cycle_time_p90_ms", "cycle_time_p99_ms", "units_ordered",
                "units_fulfilled", "fill_rate", "cancellation_rate", "sla_due", "sla_met", "sla_adherence",
                "exception_count", "exceptions_resolved", "exception_resolution_p50_ms", "exception_resolution_p90_ms",
                "refunds", "refund_cycle_p50_ms", "refund_cycle_p90_ms", "inventory_syncs", "inventory_sync_mismatches",
                "inventory_accuracy", "cost_orders", "cost_to_serve", "integration_failures",
                "integration_failures_by_system", "from", "to", "dataset")) {
            assertThat(s.has(field)).as(field).isTrue();
        }
    }

    @Test
    void GET_kpi_summary_gives_units_fill_rate_and_cancellation_rate_from_the_minute_table() {
        JsonNode s = ok("/api/kpis/summary?" + WINDOW + "&dataset=shop");

        assertThat(s.get("units_ordered").asLong()).isEqualTo(4);   // 3 at T0, 1 at T0+1m
        assertThat(s.get("units_fulfilled").asLong()).isEqualTo(3);
        assertThat(s.get("fill_rate").asDouble()).isEqualTo(0.75);
        assertThat(s.get("cancellation_rate").asDouble()).isCloseTo(1.0 / 4, within(1e-9)); // 1 cancelled, 3 completed
    }

    @Test
    void GET_kpi_summary_adds_the_kpis_of_the_minute_table() {
        JsonNode s = ok("/api/kpis/summary?" + WINDOW + "&dataset=shop");

        // minutes T0 (v2 only), T0+1m and T0+1h05m; T0-1d and dataset other are outside
        assertThat(s.get("sla_due").asLong()).isEqualTo(4);
        assertThat(s.get("sla_met").asLong()).isEqualTo(2);
        assertThat(s.get("sla_adherence").asDouble()).isEqualTo(0.5);
        assertThat(s.get("exception_count").asLong()).isEqualTo(3);
        assertThat(s.get("exceptions_resolved").asLong()).isEqualTo(2);
        assertThat(s.get("exception_resolution_p50_ms").asLong()).isEqualTo(sketched(1_200_000)); // rank floor(0.5 * 2) = 1
        assertThat(s.get("exception_resolution_p50_ms").asDouble()).isCloseTo(1_200_000, within(24_000.0));
        assertThat(s.get("refunds").asLong()).isEqualTo(1);
        assertThat(s.get("refund_cycle_p50_ms").asLong()).isEqualTo(sketched(86_400_000));
        assertThat(s.get("inventory_syncs").asLong()).isEqualTo(5);
        assertThat(s.get("inventory_sync_mismatches").asLong()).isEqualTo(1);
        assertThat(s.get("inventory_accuracy").asDouble()).isCloseTo(5.0 / 6, within(1e-9));
        assertThat(s.get("cost_orders").asLong()).isEqualTo(2);
        assertThat(s.get("cost_to_serve").asDouble()).isEqualTo(2000.0);
        assertThat(s.get("integration_failures").asLong()).isEqualTo(4);
        assertThat(s.get("integration_failures_by_system").toString()).isEqualTo("{\"WMS\":3,\"CARRIER\":1}");
    }

    @Test
    void GET_kpi_summary_of_an_empty_window_gives_null_for_every_ratio_and_percentile() {
        JsonNode s = ok("/api/kpis/summary?" + q("from", "2023-01-01T00:00:00Z") + "&" + q("to", "2023-01-02T00:00:00Z"));

        for (String field : List.of("cycle_time_p99_ms", "fill_rate", "cancellation_rate", "sla_adherence",
                "exception_resolution_p50_ms", "refund_cycle_p50_ms", "inventory_accuracy", "cost_to_serve")) {
            assertThat(s.get(field).isNull()).as(field).isTrue();
        }
        assertThat(s.get("exception_count").asLong()).isZero();
        assertThat(s.get("integration_failures").asLong()).isZero();
        assertThat(s.get("integration_failures_by_system").isEmpty()).isTrue();
    }

    @Test
    void GET_rollup_per_hour_sums_the_minute_rows_of_each_hour() {
        JsonNode r = ok("/api/kpis/rollup?interval=hour&dataset=shop&" + WINDOW);

        JsonNode points = r.get("points");
        assertThat(points).hasSize(4);
        assertThat(points.get(0).get("t").asText()).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(longs(points, "orders_placed")).containsExactly(2L, 1L, 0L, 0L);
        assertThat(longs(points, "orders_completed")).containsExactly(2L, 1L, 0L, 0L);
        assertThat(longs(points, "sla_due")).containsExactly(3L, 1L, 0L, 0L);
        JsonNode first = points.get(0);
        assertThat(first.get("fill_rate").asDouble()).isEqualTo(0.75);             // 3 of 4 units
        assertThat(first.get("cancellation_rate").asDouble()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(first.get("sla_adherence").asDouble()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(first.get("cycle_time_p50_ms").asLong()).isEqualTo(sketched(7_200_000)); // of 1 h and 2 h: rank 1
        assertThat(first.get("cycle_time_p99_ms").asLong()).isEqualTo(sketched(7_200_000));
        assertThat(first.get("inventory_accuracy").asDouble()).isEqualTo(0.8);
        assertThat(first.get("integration_failures").asLong()).isEqualTo(4);
        assertThat(first.get("cost_to_serve").asDouble()).isEqualTo(2000.0);
        assertThat(points.get(1).get("sla_adherence").asDouble()).isZero();
        assertThat(points.get(2).get("sla_adherence").isNull()).isTrue();
        assertThat(points.get(2).get("cycle_time_p50_ms").isNull()).isTrue();
    }

    @Test
    void GET_rollup_per_minute_hour_and_day_add_up_to_the_same_totals() {
        String window = "&dataset=shop&" + WINDOW;
        JsonNode minutes = ok("/api/kpis/rollup?interval=minute" + window).get("points");
        JsonNode hours = ok("/api/kpis/rollup?interval=hour" + window).get("points");
        JsonNode days = ok("/api/kpis/rollup?interval=day" + window).get("points");

        assertThat(minutes).hasSize(240);
        assertThat(days).hasSize(1);
        assertThat(days.get(0).get("t").asText()).isEqualTo("2024-03-01T00:00:00Z");
        for (String field : List.of("orders_placed", "orders_completed", "orders_cancelled", "sla_due", "sla_met",
                "exception_count", "exceptions_resolved", "refunds", "integration_failures", "cost_orders")) {
            long perMinute = longs(minutes, field).stream().mapToLong(Long::longValue).sum();
            long perHour = longs(hours, field).stream().mapToLong(Long::longValue).sum();
            assertThat(perHour).as(field).isEqualTo(perMinute);
            assertThat(days.get(0).get(field).asLong()).as(field).isEqualTo(perMinute);
        }
        assertThat(days.get(0).get("sla_adherence").asDouble()).isEqualTo(0.5);
        assertThat(days.get(0).get("cycle_time_p50_ms").asLong()).isEqualTo(sketched(3_600_000)); // of 5 min, 1 h, 2 h
    }

    @Test
    void GET_rollup_filters_by_dimension() {
        JsonNode store = ok("/api/kpis/rollup?interval=hour&dataset=shop&node=ST-7&" + WINDOW);
        JsonNode app = ok("/api/kpis/rollup?interval=hour&dataset=shop&channel=APP&fulfillment_type=BOPIS&region=US&" + WINDOW);

        assertThat(longs(store.get("points"), "orders_placed")).containsExactly(0L, 1L, 0L, 0L);
        assertThat(app.get("points")).isEqualTo(store.get("points"));
        assertThat(store.get("node").asText()).isEqualTo("ST-7");
    }

    @Test
    void GET_rollup_without_dataset_adds_every_dataset() {
        JsonNode all = ok("/api/kpis/rollup?interval=hour&" + WINDOW);

        assertThat(longs(all.get("points"), "orders_placed")).containsExactly(7L, 1L, 0L, 0L);
        assertThat(all.get("dataset").isNull()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "interval=week                                                        | interval must be one of day, hour, minute",
        "interval=minute&from=2024-03-01T00:00:00Z&to=2024-03-03T00:00:00Z    | from..to at interval=minute gives 2880 points; at most 2000",
        "from=2024-03-02T00:00:00Z&to=2024-03-01T00:00:00Z                    | from must be before to",
        "from=now                                                             | from must be an ISO-8601 instant",
    })
    void GET_rollup_with_bad_parameters_gives_400_saying_what_to_fix(String query, String message) {
        Api.Response r = api.get("/api/kpis/rollup?" + query.strip());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).startsWith(message.strip());
    }
}
