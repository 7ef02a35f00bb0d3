package io.fpi.api;

import static io.fpi.api.Api.q;
import static io.fpi.api.Fixtures.T0;
import static io.fpi.api.Fixtures.T0_PLUS_4H;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.runtime.sketch.DurationSketch;
import io.fpi.api.kpis.Metric;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The summary and time series: every KPI from kpi_minute ({@link KpiFixtures}), orders_open from the
 * traces ({@link Fixtures}: of the orders placed in the window, o2 is still open). Worked out by hand.
 */
class KpisApiTest extends QueryApiTestBase {
    private static final String T0_TO_T0_PLUS_4H = q("from", T0.toString()) + "&" + q("to", T0_PLUS_4H.toString());

    private static JsonNode ok(String pathAndQuery) {
        Api.Response r = api.get(pathAndQuery);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static List<String> values(JsonNode points) {
        List<String> out = new ArrayList<>();
        points.forEach(p -> out.add(p.get("value").isNull() ? "null" : p.get("value").asText()));
        return out;
    }

    private static long sketched(long ms) {
        return DurationSketch.value(DurationSketch.bucket(ms));
    }

    @Test
    void GET_kpi_summary_counts_orders_from_the_minute_table_and_open_orders_from_the_traces() {
        JsonNode s = ok("/api/kpis/summary?" + T0_TO_T0_PLUS_4H + "&dataset=shop");

        assertThat(s.get("orders_placed").asLong()).isEqualTo(3);     // 2 at T0 (v2 wins over v1's 7), 1 at T0+1h05m
        assertThat(s.get("orders_completed").asLong()).isEqualTo(3);  // T0, T0+1m, T0+1h05m
        assertThat(s.get("orders_cancelled").asLong()).isEqualTo(1);  // T0+1m
        assertThat(s.get("orders_returned").asLong()).isZero();
        assertThat(s.get("orders_open").asLong()).isEqualTo(1);       // o2; o1's stale open version must not count
        assertThat(s.get("fill_rate").asDouble()).isEqualTo(0.75);    // 3 of 4 units
        assertThat(s.get("cancellation_rate").asDouble()).isEqualTo(0.25); // 1 cancelled, 3 completed
    }

    @Test
    void GET_kpi_summary_gives_cycle_time_percentiles_from_the_merged_histograms() {
        JsonNode s = ok("/api/kpis/summary?" + T0_TO_T0_PLUS_4H + "&dataset=shop");

        // 5 min, 1 h, 2 h: rank floor(0.5 * 3) = 1 and floor(0.9 * 3) = 2, each within 2 %
        assertThat(s.get("cycle_time_p50_ms").asLong()).isEqualTo(sketched(3_600_000));
        assertThat(s.get("cycle_time_p90_ms").asLong()).isEqualTo(sketched(7_200_000));
        assertThat(s.get("cycle_time_p99_ms").asLong()).isEqualTo(sketched(7_200_000));
    }

    @Test
    void GET_kpi_summary_echoes_the_window_dataset_and_filters() {
        JsonNode s = ok("/api/kpis/summary?" + T0_TO_T0_PLUS_4H + "&dataset=shop&channel=APP&region=US");

        assertThat(s.get("from").asText()).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(s.get("to").asText()).isEqualTo("2024-03-01T14:00:00Z");
        assertThat(s.get("dataset").asText()).isEqualTo("shop");
        assertThat(s.get("channel").asText()).isEqualTo("APP");
        assertThat(s.get("region").asText()).isEqualTo("US");
        assertThat(s.get("fulfillment_type").isNull()).isTrue();
        assertThat(s.get("node").isNull()).isTrue();
    }

    @Test
    void GET_kpi_summary_gives_the_previous_window_of_the_same_length_beside_every_kpi() {
        JsonNode s = ok("/api/kpis/summary?" + q("from", T0.toString()) + "&" + q("to", T0.plusSeconds(86_400).toString())
                + "&dataset=shop");

        JsonNode previous = s.get("previous");
        assertThat(previous.get("from").asText()).isEqualTo("2024-02-29T10:00:00Z");
        assertThat(previous.get("to").asText()).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(previous.get("orders_placed").asLong()).isEqualTo(9);   // the T0-1d row
        assertThat(previous.get("sla_adherence").asDouble()).isEqualTo(1.0);
        assertThat(previous.get("orders_open").asLong()).isZero();          // o6 (placed T0-1d) has completed
        assertThat(s.get("orders_placed").asLong()).isEqualTo(3);
        List<String> fields = new ArrayList<>();
        s.fieldNames().forEachRemaining(fields::add);
        for (String kpi : fields) {
            if (!List.of("from", "to", "dataset", "channel", "fulfillment_type", "region", "node", "previous").contains(kpi)) {
                assertThat(previous.has(kpi)).as(kpi + " has a previous value").isTrue();
            }
        }
    }

    @Test
    void GET_kpi_summary_of_a_window_at_the_epoch_has_an_empty_previous_window() {
        JsonNode s = ok("/api/kpis/summary?" + q("from", "1970-01-01T00:00:00Z") + "&" + q("to", "1970-01-02T00:00:00Z"));

        assertThat(s.get("previous").get("from").asText()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(s.get("previous").get("to").asText()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(s.get("previous").get("orders_placed").asLong()).isZero();
    }

    @Test
    void GET_kpi_summary_filters_every_kpi_by_dimension() {
        JsonNode app = ok("/api/kpis/summary?" + T0_TO_T0_PLUS_4H + "&dataset=shop&channel=APP");
        JsonNode web = ok("/api/kpis/summary?" + T0_TO_T0_PLUS_4H + "&dataset=shop&channel=web");

        assertThat(app.get("orders_placed").asLong()).isEqualTo(1);     // the APP/BOPIS/US/ST-7 row
        assertThat(app.get("cycle_time_p50_ms").asLong()).isEqualTo(sketched(300_000));
        assertThat(app.get("orders_open").asLong()).isZero();           // the traces say channel "web"
        assertThat(web.get("orders_placed").asLong()).isZero();         // values are exact: WEB is not web
        assertThat(web.get("orders_open").asLong()).isEqualTo(1);
        assertThat(ok("/api/kpis/summary?" + T0_TO_T0_PLUS_4H + "&dataset=shop&node=ST-7&fulfillment_type=BOPIS&region=US")
                .get("orders_placed").asLong()).isEqualTo(1);
    }

    @Test
    void GET_kpi_summary_without_dataset_counts_every_dataset() {
        JsonNode s = ok("/api/kpis/summary?" + T0_TO_T0_PLUS_4H);

        assertThat(s.get("orders_placed").asLong()).isEqualTo(8);       // shop 3, other 5
        assertThat(s.get("orders_open").asLong()).isEqualTo(2);         // shop/o2, other/o1
        assertThat(s.get("dataset").isNull()).isTrue();
    }

    @Test
    void GET_kpi_summary_without_from_and_to_covers_the_24_hours_before_now() {
        JsonNode s = ok("/api/kpis/summary");

        assertThat(s.get("from").asText()).isEqualTo("2024-02-29T14:00:00Z");
        assertThat(s.get("to").asText()).isEqualTo(NOW.toString());
        assertThat(s.get("orders_placed").asLong()).isEqualTo(8);       // the T0-1d row is 4 h too early
    }

    @Test
    void GET_kpi_summary_accepts_offsets_and_reports_them_in_utc() {
        JsonNode s = ok("/api/kpis/summary?" + q("from", "2024-03-01T11:00:00+01:00") + "&" + q("to", "2024-03-01T14:00:00Z"));

        assertThat(s.get("from").asText()).isEqualTo("2024-03-01T10:00:00Z");
    }

    @Test
    void GET_kpi_summary_of_a_window_with_no_rows_gives_null_percentiles_and_zero_counts() {
        JsonNode s = ok("/api/kpis/summary?" + q("from", "2023-01-01T00:00:00Z") + "&" + q("to", "2023-01-02T00:00:00Z"));

        assertThat(s.get("orders_placed").asLong()).isZero();
        assertThat(s.get("orders_completed").asLong()).isZero();
        assertThat(s.get("cycle_time_p50_ms").isNull()).isTrue();
        assertThat(s.get("cycle_time_p90_ms").isNull()).isTrue();
    }

    @Test
    void GET_kpi_summary_counts_minutes_of_partial_hours_at_either_edge_of_the_window() {
        // 10:00:30 leaves out the T0 minute (its start is before from); 11:05:30 keeps the 11:05 minute
        JsonNode s = ok("/api/kpis/summary?dataset=shop&" + q("from", "2024-03-01T10:00:30Z") + "&"
                + q("to", "2024-03-01T11:05:30Z"));

        assertThat(s.get("orders_completed").asLong()).isEqualTo(2);     // T0+1m and T0+1h05m
        assertThat(s.get("orders_placed").asLong()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "from=yesterday                                             | from must be an ISO-8601 instant",
        "to=2024-03-01                                              | to must be an ISO-8601 instant",
        "from=2024-03-01T10:00:00Z&to=2024-03-01T10:00:00Z          | from must be before to",
        "from=2024-03-02T00:00:00Z&to=2024-03-01T00:00:00Z          | from must be before to",
        "from=2020-01-01T00:00:00Z&to=2024-03-01T00:00:00Z          | from..to may span at most 400 days",
        "from=1969-12-31T00:00:00Z&to=1970-01-02T00:00:00Z          | from must lie between 1970-01-01T00:00:00Z",
        "chanel=WEB                                                 | unknown parameter 'chanel': /api/kpis/summary accepts",
    })
    void GET_kpi_summary_with_bad_parameters_gives_400_saying_what_to_fix(String query, String message) {
        Api.Response r = api.get("/api/kpis/summary?" + query.strip());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("bad_request");
        assertThat(r.json().get("message").asText()).startsWith(message.strip());
    }

    @Test
    void GET_timeseries_of_orders_placed_per_hour_fills_empty_hours_with_zero() {
        JsonNode ts = ok("/api/kpis/timeseries?metric=orders_placed&interval=hour&" + T0_TO_T0_PLUS_4H + "&dataset=shop");

        assertThat(ts.get("metric").asText()).isEqualTo("orders_placed");
        assertThat(ts.get("interval").asText()).isEqualTo("hour");
        assertThat(ts.get("points").get(0).get("t").asText()).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(ts.get("points").get(3).get("t").asText()).isEqualTo("2024-03-01T13:00:00Z");
        assertThat(values(ts.get("points"))).containsExactly("2", "1", "0", "0");
        assertThat(ts.get("series").isNull()).isTrue();
    }

    @Test
    void GET_timeseries_of_a_ratio_or_percentile_leaves_empty_hours_null() {
        String window = "&interval=hour&" + T0_TO_T0_PLUS_4H + "&dataset=shop";

        assertThat(values(ok("/api/kpis/timeseries?metric=fill_rate" + window).get("points")))
                .containsExactly("0.75", "null", "null", "null");
        assertThat(values(ok("/api/kpis/timeseries?metric=cycle_time_p50_ms" + window).get("points")))
                .containsExactly(Long.toString(sketched(7_200_000)), Long.toString(sketched(300_000)), "null", "null");
        assertThat(values(ok("/api/kpis/timeseries?metric=sla_adherence" + window).get("points")))
                .containsExactly("0.6666666666666666", "0.0", "null", "null");
    }

    @Test
    void GET_timeseries_per_day_starts_at_midnight_utc() {
        JsonNode ts = ok("/api/kpis/timeseries?metric=orders_completed&interval=day&" + T0_TO_T0_PLUS_4H + "&dataset=shop");

        assertThat(ts.get("points")).hasSize(1);
        assertThat(ts.get("points").get(0).get("t").asText()).isEqualTo("2024-03-01T00:00:00Z");
        assertThat(values(ts.get("points"))).containsExactly("3");
    }

    @Test
    void GET_timeseries_per_minute_starts_at_the_whole_minute_and_keeps_minutes_starting_in_the_window() {
        JsonNode ts = ok("/api/kpis/timeseries?metric=orders_completed&dataset=shop&" + q("from", "2024-03-01T10:00:30Z")
                + "&" + q("to", "2024-03-01T11:00:00Z"));

        assertThat(ts.get("interval").asText()).isEqualTo("minute");
        assertThat(ts.get("points")).hasSize(60);
        assertThat(ts.get("points").get(0).get("t").asText()).isEqualTo("2024-03-01T10:00:00Z");
        // the T0 minute starts before from: its row is left out though its bucket is shown
        assertThat(values(ts.get("points")).subList(0, 3)).containsExactly("0", "1", "0");
    }

    @Test
    void GET_timeseries_grouped_by_a_dimension_gives_one_series_per_value_largest_first() {
        JsonNode ts = ok("/api/kpis/timeseries?metric=orders_placed&interval=hour&groupBy=channel&" + T0_TO_T0_PLUS_4H
                + "&dataset=shop");

        assertThat(ts.get("group_by").asText()).isEqualTo("channel");
        assertThat(values(ts.get("points"))).containsExactly("2", "1", "0", "0");
        JsonNode series = ts.get("series");
        assertThat(series).hasSize(2);
        assertThat(series.get(0).get("group").asText()).isEqualTo("WEB");
        assertThat(values(series.get(0).get("points"))).containsExactly("2", "0", "0", "0");
        assertThat(series.get(1).get("group").asText()).isEqualTo("APP");
        assertThat(values(series.get(1).get("points"))).containsExactly("0", "1", "0", "0");
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void GET_timeseries_answers_every_metric_of_the_whitelist(Metric metric) {
        JsonNode ts = ok("/api/kpis/timeseries?interval=hour&" + T0_TO_T0_PLUS_4H + "&dataset=shop&metric=" + metric.wireName());

        assertThat(ts.get("points")).hasSize(4);
        assertThat(ts.get("points").get(3).get("value").isNull()).isEqualTo(!metric.isCount());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "interval=hour                                        | metric is required: one of cancellation_rate, cost_orders, cost_to_serve",
        "metric=revenue                                       | metric must be one of cancellation_rate, cost_orders, cost_to_serve",
        "metric=orders_placed&interval=week                   | interval must be one of day, hour, minute",
        "metric=orders_placed&groupBy=sku                     | groupBy must be one of channel, fulfillment_type, node, region",
        "metric=orders_placed&interval=minute&from=2024-03-01T00:00:00Z&to=2024-03-03T00:00:00Z | from..to at interval=minute gives 2880 points; at most 2000",
        "metric=orders_placed&from=2024-03-01T00:00:00Z&to=2024-02-01T00:00:00Z | from must be before to",
        "metric=orders_placed&group_by=channel                | unknown parameter 'group_by'",
    })
    void GET_timeseries_with_bad_parameters_gives_400_saying_what_to_fix(String query, String message) {
        Api.Response r = api.get("/api/kpis/timeseries?" + query.strip());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).startsWith(message.strip());
    }
}
