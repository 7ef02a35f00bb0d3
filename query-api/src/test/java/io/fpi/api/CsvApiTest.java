package io.fpi.api;

import static io.fpi.api.Api.q;
import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.api.routes.ApiRoute;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CSV of every table-shaped answer (Accept: text/csv or format=csv), over rows with values a spreadsheet
 * would run as formulas: two orders of dataset "csv", one with id "=cmd|' /C calc'!A0" and channel
 * "+SUM(1,1)", the other with a comma, a quote and a line break in its last activity.
 */
class CsvApiTest extends IsolatedApiTestBase {
    static final Instant T = Instant.parse("2024-07-01T10:00:00Z");
    static final String EVIL = "=cmd|' /C calc'!A0";
    static final String WINDOW = q("from", T.minusSeconds(3600).toString()) + "&" + q("to", T.plusSeconds(3600).toString());

    /** A request for every route that offers CSV; a test fails for a CSV route missing here. */
    static final Map<String, String> EXAMPLES = Map.ofEntries(
            Map.entry("/api/orders", "/api/orders?dataset=csv"),
            Map.entry("/api/orders/{orderId}/trace", "/api/orders/" + Api.path(EVIL) + "/trace?dataset=csv"),
            Map.entry("/api/kpis/summary", "/api/kpis/summary?dataset=csv&" + WINDOW),
            Map.entry("/api/kpis/timeseries", "/api/kpis/timeseries?metric=orders_placed&interval=hour&dataset=csv&" + WINDOW),
            Map.entry("/api/kpis/rollup", "/api/kpis/rollup?dataset=csv&" + WINDOW),
            Map.entry("/api/findings", "/api/findings?dataset=csv"),
            Map.entry("/api/bottlenecks", "/api/bottlenecks?dataset=csv&" + WINDOW),
            Map.entry("/api/exceptions/patterns", "/api/exceptions/patterns?dataset=csv&" + WINDOW),
            Map.entry("/api/process/dfg", "/api/process/dfg?dataset=csv"),
            Map.entry("/api/process/variants", "/api/process/variants?dataset=csv"),
            Map.entry("/api/process/bottlenecks", "/api/process/bottlenecks?dataset=csv"),
            Map.entry("/api/process/edges", "/api/process/edges?dataset=csv&" + WINDOW));

    @BeforeAll
    static void load() {
        startAppOver("csv_test");
        traces(new TraceRowBuilder("csv", EVIL, T).dimensions("+SUM(1,1)", "SHIP_TO_HOME", "EU")
                        .path("ORDER_PLACED PICKED", 0, 60_000).stage("ORDER_PLACED", "PICKED", T, java.time.Duration.ofMinutes(1)),
                new TraceRowBuilder("csv", "plain", T.minusSeconds(60)).lastEvent(T, "say \"hi\", then\nleave", 2));
        insert("events", List.of(new EventRowBuilder("csv", EVIL, "e1", "@ORDER_PLACED", T, 0, "-OMS").json()));
        insert("findings", List.of(new FindingRowBuilder("csv", "f1", "STALL", EVIL, T).text("message", "=1+1").json()));
    }

    static Stream<ApiRoute> csvRoutes() {
        return app == null ? Stream.of() : app.routes().stream().filter(r -> r.doc().csv());
    }

    static Stream<String> csvPaths() {
        return EXAMPLES.keySet().stream().sorted();
    }

    @Test
    void every_route_that_offers_csv_has_an_example_here() {
        assertThat(EXAMPLES.keySet()).containsExactlyInAnyOrderElementsOf(csvRoutes().map(ApiRoute::path).toList());
    }

    @ParameterizedTest
    @MethodSource("csvPaths")
    void every_table_shaped_answer_comes_as_csv_on_request_by_format_or_by_accept(String route) {
        Api.Response byFormat = api.get(EXAMPLES.get(route) + "&format=csv");
        Api.Response byAccept = api.get(EXAMPLES.get(route), "text/csv");

        assertThat(byFormat.status()).as(byFormat.toString()).isEqualTo(200);
        assertThat(byFormat.contentType()).startsWith("text/csv");
        assertThat(byFormat.disposition()).startsWith("attachment; filename=").endsWith(".csv\"");
        assertThat(byFormat.body()).contains("\r\n");
        assertThat(byAccept.body()).isEqualTo(byFormat.body());
        assertThat(api.get(EXAMPLES.get(route) + "&format=json", "text/csv").contentType()).startsWith("application/json");
    }

    @Test
    void an_order_list_as_csv_has_the_json_field_names_and_one_row_per_order() {
        List<String> lines = api.get("/api/orders?dataset=csv&format=csv").body().lines().toList();

        assertThat(lines.get(0)).isEqualTo("order_id,dataset,status,placed_at,last_event_at,channel,fulfillment_type,node_id,"
                + "region,current_stage,last_activity,event_count,cycle_time_ms");
        assertThat(lines.get(1)).startsWith("'=cmd|' /C calc'!A0,csv,open,2024-07-01T10:00:00Z,");
        assertThat(lines.get(1)).contains(",\"'+SUM(1,1)\",").doesNotContain(",+SUM").doesNotContain("\"+SUM");
    }

    @Test
    void fields_with_commas_quotes_and_line_breaks_are_quoted_as_rfc_4180_says() {
        String body = api.get("/api/orders?dataset=csv&format=csv").body();

        assertThat(body).contains(",\"say \"\"hi\"\", then\nleave\",");
        assertThat(body.split("\r\n")).hasSize(3); // header and two rows: the line break inside the quotes is no row end
    }

    @Test
    void every_text_cell_that_could_run_as_a_formula_is_defused() {
        assertThat(api.get("/api/orders/" + Api.path(EVIL) + "/trace?dataset=csv&format=csv").body())
                .contains(",'@ORDER_PLACED,").contains(",'-OMS,");
        assertThat(api.get("/api/findings?dataset=csv&format=csv").body()).contains("'=1+1").doesNotContain(",=1+1");
    }

    @Test
    void a_summary_as_csv_is_one_row_per_kpi_with_its_previous_value() {
        List<String> lines = api.get("/api/kpis/summary?dataset=csv&format=csv&" + WINDOW).body().lines().toList();

        assertThat(lines.get(0)).isEqualTo("kpi,value,previous");
        assertThat(lines).contains("orders_placed,0,0", "orders_open,2,0", "fill_rate,,");
    }

    @Test
    void an_unknown_format_is_a_400_and_csv_is_never_sent_for_an_error() {
        Api.Response xml = api.get("/api/orders?format=xml");
        Api.Response missing = api.get("/api/orders/nope/trace?format=csv");

        assertThat(xml.status()).isEqualTo(400);
        assertThat(xml.json().get("message").asText()).isEqualTo("format must be one of csv, json");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/json");
    }
}
