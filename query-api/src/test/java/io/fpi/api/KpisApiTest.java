package io.fpi.api;

import static io.fpi.api.Api.q;
import static io.fpi.api.Fixtures.T0;
import static io.fpi.api.Fixtures.T0_PLUS_4H;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected numbers are worked out by hand from the table in {@link Fixtures}. */
class KpisApiTest extends QueryApiTestBase {
    private static final String T0_TO_T0_PLUS_4H = q("from", T0.toString()) + "&" + q("to", T0_PLUS_4H.toString());

    private static JsonNode ok(String pathAndQuery) {
        Api.Response r = api.get(pathAndQuery);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static List<String> values(JsonNode series) {
        List<String> out = new ArrayList<>();
        series.get("points").forEach(p -> out.add(p.get("value").isNull() ? "null" : p.get("value").asText()));
        return out;
    }

    @Test
    void GET_kpi_summary_counts_orders_placed_ended_and_open_in_the_window() {
        JsonNode s = ok("/api/kpis/summary?" + T0_TO_T0_PLUS_4H + "&" + q("dataset", "shop"));

        assertThat(s.get("orders_placed").asLong()).isEqualTo(6);     // o1 o2 o3 o4 o5 o7; o6 was placed the day before
        assertThat(s.get("orders_completed").asLong()).isEqualTo(5);  // o1 o4 o5(returned) o6 o7, by completion time
        assertThat(s.get("orders_open").asLong()).isEqualTo(1);       // o2 (o1's stale open version must not count)
        assertThat(s.get("orders_cancelled").asLong()).isEqualTo(1);  // o3
        assertThat(s.get("orders_returned").asLong()).isEqualTo(1);   // o5
    }

    @Test
    void GET_kpi_summary_gives_exact_cycle_time_percentiles_of_orders_completed_in_the_window() {
        JsonNode s = ok("/api/kpis/summary?" + T0_TO_T0_PLUS_4H + "&" + q("dataset", "shop"));

        // sorted: 300 000 (o7), 3 600 000 (o4), 7 200 000 (o1), 8 400 000 (o5), 90 000 000 (o6)
        assertThat(s.get("cycle_time_p50_ms").asLong()).isEqualTo(7_200_000L);
        assertThat(s.get("cycle_time_p90_ms").asLong()).isEqualTo(90_000_000L);
    }

    @Test
    void GET_kpi_summary_echoes_the_window_and_dataset() {
        JsonNode s = ok("/api/kpis/summary?" + T0_TO_T0_PLUS_4H + "&" + q("dataset", "shop"));

        assertThat(s.get("from").asText()).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(s.get("to").asText()).isEqualTo("2024-03-01T14:00:00Z");
        assertThat(s.get("dataset").asText()).isEqualTo("shop");
    }

    @Test
    void GET_kpi_summary_without_dataset_counts_every_dataset() {
        JsonNode s = ok("/api/kpis/summary?" + T0_TO_T0_PLUS_4H);

        assertThat(s.get("orders_placed").asLong()).isEqualTo(7);
        assertThat(s.get("orders_open").asLong()).isEqualTo(2);
        assertThat(s.get("orders_completed").asLong()).isEqualTo(5);
        assertThat(s.get("dataset").isNull()).isTrue();
    }

    @Test
    void GET_kpi_summary_without_from_and_to_covers_the_24_hours_before_now() {
        JsonNode s = ok("/api/kpis/summary");

        assertThat(s.get("from").asText()).isEqualTo("2024-02-29T14:00:00Z");
        assertThat(s.get("to").asText()).isEqualTo(NOW.toString());
        assertThat(s.get("orders_placed").asLong()).isEqualTo(7);
    }

    @Test
    void GET_kpi_summary_accepts_offsets_and_reports_them_in_utc() {
        JsonNode s = ok("/api/kpis/summary?" + q("from", "2024-03-01T11:00:00+01:00") + "&" + q("to", "2024-03-01T14:00:00Z"));

        assertThat(s.get("from").asText()).isEqualTo("2024-03-01T10:00:00Z");
    }

    @Test
    void GET_kpi_summary_of_a_window_with_no_completion_gives_null_percentiles_and_zero_counts() {
        JsonNode s = ok("/api/kpis/summary?" + q("from", "2023-01-01T00:00:00Z") + "&" + q("to", "2023-01-02T00:00:00Z"));

        assertThat(s.get("orders_placed").asLong()).isZero();
        assertThat(s.get("orders_completed").asLong()).isZero();
        assertThat(s.get("cycle_time_p50_ms").isNull()).isTrue();
        assertThat(s.get("cycle_time_p90_ms").isNull()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "from=yesterday                                             | from must be an ISO-8601 instant",
        "to=2024-03-01                                              | to must be an ISO-8601 instant",
        "from=2024-03-01T10:00:00Z&to=2024-03-01T10:00:00Z          | from must be before to",
        "from=2024-03-02T00:00:00Z&to=2024-03-01T00:00:00Z          | from must be before to",
        "from=2020-01-01T00:00:00Z&to=2024-03-01T00:00:00Z          | from..to may span at most 400 days",
        "from=1969-12-31T00:00:00Z&to=1970-01-02T00:00:00Z          | from must lie between 1970-01-01T00:00:00Z",
    })
    void GET_kpi_summary_with_bad_window_gives_400_saying_what_to_fix(String query, String message) {
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
        assertThat(values(ts)).containsExactly("5", "1", "0", "0");
    }

    @Test
    void GET_timeseries_of_orders_completed_counts_by_completion_hour() {
        JsonNode ts = ok("/api/kpis/timeseries?metric=orders_completed&interval=hour&" + T0_TO_T0_PLUS_4H + "&dataset=shop");

        assertThat(values(ts)).containsExactly("0", "3", "1", "1");
    }

    @Test
    void GET_timeseries_of_cycle_time_percentiles_leaves_hours_without_completions_null() {
        String window = "&interval=hour&" + T0_TO_T0_PLUS_4H + "&dataset=shop";

        // hour 1 holds o7 (300 000), o4 (3 600 000) and o6 (90 000 000)
        assertThat(values(ok("/api/kpis/timeseries?metric=cycle_time_p50_ms" + window)))
                .containsExactly("null", "3600000", "7200000", "8400000");
        assertThat(values(ok("/api/kpis/timeseries?metric=cycle_time_p90_ms" + window)))
                .containsExactly("null", "90000000", "7200000", "8400000");
    }

    @Test
    void GET_timeseries_per_minute_starts_at_the_whole_minute_and_puts_each_order_in_its_minute() {
        JsonNode ts = ok("/api/kpis/timeseries?metric=orders_placed&dataset=shop&" + q("from", "2024-03-01T10:00:30Z")
                + "&" + q("to", "2024-03-01T11:00:00Z"));

        assertThat(ts.get("interval").asText()).isEqualTo("minute");
        assertThat(ts.get("points")).hasSize(60);
        assertThat(ts.get("points").get(0).get("t").asText()).isEqualTo("2024-03-01T10:00:00Z");
        List<Integer> busy = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            if (ts.get("points").get(i).get("value").asInt() > 0) {
                busy.add(i);
            }
        }
        // o1 at 10:00 is before from (10:00:30) even though its minute is shown
        assertThat(busy).containsExactly(10, 20, 30, 40);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "interval=hour                                        | metric is required: one of cycle_time_p50_ms, cycle_time_p90_ms, orders_completed, orders_placed",
        "metric=revenue                                       | metric must be one of cycle_time_p50_ms, cycle_time_p90_ms, orders_completed, orders_placed",
        "metric=orders_placed&interval=day                    | interval must be one of hour, minute",
        "metric=orders_placed&interval=minute&from=2024-03-01T00:00:00Z&to=2024-03-03T00:00:00Z | from..to at interval=minute gives 2880 points; at most 2000",
        "metric=orders_placed&from=2024-03-01T00:00:00Z&to=2024-02-01T00:00:00Z | from must be before to",
    })
    void GET_timeseries_with_bad_parameters_gives_400_saying_what_to_fix(String query, String message) {
        Api.Response r = api.get("/api/kpis/timeseries?" + query.strip());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).startsWith(message.strip());
    }
}
