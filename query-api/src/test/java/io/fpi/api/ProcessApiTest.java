package io.fpi.api;

import static io.fpi.api.Api.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expectations from the table in {@link ProcessFixtures}. */
class ProcessApiTest extends ProcessTestBase {

    @BeforeAll
    static void load() {
        ProcessFixtures.insert(startAppOver("process_test"));
    }

    private static JsonNode ok(String pathAndQuery) {
        Api.Response r = api.get(pathAndQuery);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static List<String> rows(JsonNode list, String... fields) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> {
            List<String> values = new ArrayList<>();
            for (String f : fields) {
                values.add(n.get(f).isNull() ? "null" : n.get(f).asText());
            }
            out.add(String.join(" ", values));
        });
        return out;
    }

    private static void assertFigures(JsonNode r, long cases, long events, long activities, long variants, long edges, long top) {
        assertThat(List.of(r.get("cases").asLong(), r.get("events").asLong(), r.get("activities").asLong(),
                r.get("variants").asLong(), r.get("dfg_edges").asLong(), r.get("top_variant_cases").asLong()))
                .containsExactly(cases, events, activities, variants, edges, top);
    }

    @Test
    void GET_dfg_gives_the_log_figures_and_every_edge_with_frequency_and_transition_times() {
        JsonNode r = ok("/api/process/dfg?dataset=proc");

        assertFigures(r, 6, 16, 3, 3, 4, 3);
        assertThat(rows(r.get("edges"), "from", "to", "frequency", "timed", "mean_ms", "p90_ms")).containsExactly(
                "A B 3 3 13333 20000", "A C 3 2 6000 7000", "B C 3 3 20000 20000", "C B 1 1 5000 5000");
        assertThat(r.get("edges_truncated").asBoolean()).isFalse();
    }

    @Test
    void GET_dfg_gives_start_and_end_activities_with_case_counts() {
        JsonNode r = ok("/api/process/dfg?dataset=proc");

        assertThat(rows(r.get("start_activities"), "activity", "cases")).containsExactly("A 6");
        assertThat(rows(r.get("end_activities"), "activity", "cases")).containsExactly("C 5", "B 1");
    }

    @Test
    void GET_dfg_with_a_limit_cuts_the_edges_but_still_counts_them_all() {
        JsonNode r = ok("/api/process/dfg?dataset=proc&limit=2");

        assertThat(rows(r.get("edges"), "from", "to")).containsExactly("A B", "A C");
        assertThat(r.get("edges_truncated").asBoolean()).isTrue();
        assertThat(r.get("dfg_edges").asLong()).isEqualTo(4);
    }

    @Test
    void GET_dfg_with_a_window_mines_only_the_cases_placed_in_it() {
        JsonNode r = ok("/api/process/dfg?dataset=proc&" + q("from", "2023-06-01T11:00:00Z"));

        assertFigures(r, 2, 5, 3, 2, 3, 1);
        assertThat(rows(r.get("edges"), "from", "to", "frequency", "timed", "mean_ms")).containsExactly(
                "A B 1 1 10000", "A C 1 0 null", "B C 1 1 20000");
        assertThat(r.get("from").asText()).isEqualTo("2023-06-01T11:00:00Z");
    }

    @Test
    void process_endpoints_filter_by_channel_and_fulfillment_type_and_echo_them() {
        // every fixture case is channel web, fulfillment type ship_to_home
        JsonNode web = ok("/api/process/dfg?dataset=proc&channel=web&fulfillment_type=ship_to_home");
        assertFigures(web, 6, 16, 3, 3, 4, 3);
        assertThat(web.get("channel").asText()).isEqualTo("web");
        assertThat(web.get("fulfillment_type").asText()).isEqualTo("ship_to_home");

        assertFigures(ok("/api/process/dfg?dataset=proc&channel=store"), 0, 0, 0, 0, 0, 0);
        assertThat(ok("/api/process/variants?dataset=proc&fulfillment_type=bopis").get("top_variants")).isEmpty();
        JsonNode bn = ok("/api/process/bottlenecks?dataset=proc&channel=store");
        assertThat(bn.get("stages")).isEmpty();
        assertThat(bn.get("channel").asText()).isEqualTo("store");
        assertThat(ok("/api/process/bottlenecks?dataset=proc").get("channel").isNull()).isTrue();
    }

    @Test
    void GET_variants_gives_the_same_figures_and_the_variants_by_case_count() {
        JsonNode r = ok("/api/process/variants?dataset=proc");

        assertFigures(r, 6, 16, 3, 3, 4, 3);
        JsonNode top = r.get("top_variants");
        assertThat(top).hasSize(3);
        assertThat(top.get(0).get("rank").asInt()).isEqualTo(1);
        assertThat(top.get(0).get("activities").toString()).isEqualTo("[\"A\",\"C\"]");
        assertThat(top.get(0).get("cases").asLong()).isEqualTo(3);
        assertThat(top.get(0).get("share").asDouble()).isEqualTo(0.5);
        assertThat(top.get(0).get("mean_duration_ms").asLong()).isEqualTo(7_000);
        assertThat(top.get(0).get("mean_cycle_time_ms").isNull()).as("no case of it closed").isTrue();
        assertThat(top.get(1).get("activities").toString()).isEqualTo("[\"A\",\"B\",\"C\"]");
        assertThat(top.get(1).get("cases").asLong()).isEqualTo(2);
        assertThat(top.get(2).get("activities").toString()).isEqualTo("[\"A\",\"B\",\"C\",\"B\"]");
    }

    @Test
    void GET_variants_with_a_limit_lists_the_top_ones() {
        JsonNode r = ok("/api/process/variants?dataset=proc&limit=1");

        assertThat(r.get("top_variants")).hasSize(1);
        assertThat(r.get("variants").asLong()).isEqualTo(3);
        assertThat(r.get("limit").asInt()).isEqualTo(1);
    }

    @Test
    void GET_bottlenecks_ranks_transitions_and_stages_per_node_by_total_waiting_time() {
        JsonNode r = ok("/api/process/bottlenecks?dataset=proc");

        assertThat(rows(r.get("transitions"), "node_id", "name", "count", "total_ms", "mean_ms", "p90_ms")).containsExactly(
                "N1 B > C 2 40000 20000 20000", "N1 A > B 2 20000 10000 10000", "N2 A > B 1 20000 20000 20000",
                "N2 B > C 1 20000 20000 20000", "N2 A > C 1 7000 7000 7000", "N1 A > C 1 5000 5000 5000",
                "N2 C > B 1 5000 5000 5000");
        assertThat(rows(r.get("stages"), "node_id", "name", "from", "to", "total_ms")).containsExactly(
                "N1 B -> C B C 20000", "N2 A -> B A B 20000", "N2 B -> C B C 20000", "N1 A -> B A B 10000",
                "N2 C -> B C B 5000");
        assertThat(r.get("rank_by").asText()).isEqualTo("total");
    }

    @Test
    void GET_bottlenecks_by_mean_for_one_node() {
        JsonNode r = ok("/api/process/bottlenecks?dataset=proc&node=N2&rank_by=mean&limit=2");

        assertThat(rows(r.get("transitions"), "name", "mean_ms")).containsExactly("A > B 20000", "B > C 20000");
        assertThat(rows(r.get("stages"), "name", "mean_ms")).containsExactly("A -> B 20000", "B -> C 20000");
        assertThat(r.get("node").asText()).isEqualTo("N2");
    }

    @Test
    void GET_edges_per_hour_places_each_transition_in_the_bucket_of_its_second_activity() {
        JsonNode r = ok("/api/process/edges?dataset=proc&interval=hour&" + q("from", "2023-06-01T00:00:00Z") + "&"
                + q("to", "2023-06-02T00:00:00Z"));

        JsonNode buckets = r.get("buckets");
        assertThat(rows(buckets, "t")).containsExactly("2023-06-01T10:00:00Z", "2023-06-01T11:00:00Z");
        assertThat(rows(buckets.get(0).get("edges"), "from", "to", "frequency", "mean_ms")).containsExactly(
                "A B 2 15000", "A C 2 6000", "B C 2 20000", "C B 1 5000");
        assertThat(rows(buckets.get(1).get("edges"), "from", "to", "frequency")).containsExactly("A B 1", "B C 1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "dfg?                                                   | dataset is required",
        "variants?limit=5                                       | dataset is required",
        "variants?dataset=proc&limit=0                          | limit must be an integer from 1 to 1000",
        "dfg?dataset=proc&limit=10001                           | limit must be an integer from 1 to 10000",
        "dfg?dataset=proc&from=2023-06-02T00:00:00Z&to=2023-06-01T00:00:00Z | from must be before to",
        "bottlenecks?dataset=proc&rank_by=median                | rank_by must be one of mean, total",
        "edges?dataset=proc&interval=week                       | interval must be one of day, hour, minute",
        "edges?dataset=proc&interval=minute&from=2023-06-01T00:00:00Z&to=2023-06-03T00:00:00Z | from..to at interval=minute gives 2880 buckets",
    })
    void process_endpoints_with_bad_parameters_give_400_saying_what_to_fix(String query, String message) {
        Api.Response r = api.get("/api/process/" + query.strip());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).startsWith(message.strip());
    }

    @Test
    void an_unknown_dataset_is_an_empty_log() {
        JsonNode r = ok("/api/process/variants?dataset=nothing-here");

        assertFigures(r, 0, 0, 0, 0, 0, 0);
        assertThat(r.get("top_variants")).isEmpty();
    }

    @Test
    void GET_bottlenecks_by_node_sums_the_stages_of_the_cases_placed_in_the_window_ranked_by_total_then_name() {
        JsonNode r = ok("/api/bottlenecks?groupBy=node&dataset=proc&" + q("from", "2023-06-01T09:00:00Z") + "&"
                + q("to", "2023-06-01T12:00:00Z"));

        assertThat(rows(r.get("bottlenecks"), "group", "stage", "count", "total_ms", "rank_total", "rank_mean")).containsExactly(
                "N1 B -> C 1 20000 1 1", "N2 A -> B 1 20000 2 2", "N2 B -> C 1 20000 3 3", "N1 A -> B 1 10000 4 4",
                "N2 C -> B 1 5000 5 5");
    }

    @Test
    void GET_bottlenecks_by_stage_gives_count_total_mean_and_exact_p90_of_each_stage() {
        JsonNode r = ok("/api/bottlenecks?groupBy=stage&rank_by=mean&dataset=proc&" + q("from", "2023-06-01T09:00:00Z") + "&"
                + q("to", "2023-06-01T12:00:00Z"));

        assertThat(rows(r.get("bottlenecks"), "stage", "count", "total_ms", "mean_ms", "p90_ms", "rank_total", "rank_mean"))
                .containsExactly("B -> C 2 40000 20000 20000 1 1", "A -> B 2 30000 15000 20000 2 2", "C -> B 1 5000 5000 5000 3 3");
        assertThat(r.get("total_wait_ms").asLong()).isEqualTo(75_000);
    }
}
