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

/**
 * GET /api/bottlenecks over {@link Fixtures}: of the orders placed T0..T0+4h in shop, only o1 has stages
 * (ORDER_PLACED -> PAYMENT_AUTHORIZED 5 min, PAYMENT_AUTHORIZED -> PICKED 55 min, PICKED -> DELIVERED 1 h)
 * and handoffs (OMS -> WMS 5 min, WMS -> CARRIER 10 min); its stale first version has none.
 */
class BottlenecksApiTest extends QueryApiTestBase {
    private static final String WINDOW = "dataset=shop&" + q("from", T0.toString()) + "&" + q("to", T0_PLUS_4H.toString());

    private static JsonNode ok(String query) {
        Api.Response r = api.get("/api/bottlenecks?" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static List<String> rows(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.get("bottlenecks").forEach(r -> out.add(r.get("group").asText() + " | " + r.get("stage").asText() + " | "
                + r.get("count").asLong() + " | " + r.get("total_ms").asLong() + " | " + r.get("rank_total").asInt() + " | "
                + r.get("rank_mean").asInt()));
        return out;
    }

    @Test
    void stages_are_ranked_by_total_waiting_time_with_both_ranks_on_every_row() {
        JsonNode r = ok("groupBy=stage&" + WINDOW);

        assertThat(rows(r)).containsExactly(
                "PICKED -> DELIVERED | PICKED -> DELIVERED | 1 | 3600000 | 1 | 1",
                "PAYMENT_AUTHORIZED -> PICKED | PAYMENT_AUTHORIZED -> PICKED | 1 | 3300000 | 2 | 2",
                "ORDER_PLACED -> PAYMENT_AUTHORIZED | ORDER_PLACED -> PAYMENT_AUTHORIZED | 1 | 300000 | 3 | 3");
        assertThat(r.get("total_wait_ms").asLong()).isEqualTo(7_200_000);
        assertThat(r.get("bottlenecks").get(0).get("share").asDouble()).isEqualTo(0.5);
        assertThat(r.get("bottlenecks").get(0).get("from_activity").asText()).isEqualTo("PICKED");
        assertThat(r.get("bottlenecks").get(0).get("to_activity").asText()).isEqualTo("DELIVERED");
        assertThat(r.get("group_by").asText()).isEqualTo("stage");
        assertThat(r.get("rank_by").asText()).isEqualTo("total");
    }

    @Test
    void grouping_by_source_system_ranks_the_handoffs_by_the_system_work_waited_for() {
        assertThat(rows(ok("groupBy=source_system&" + WINDOW))).containsExactly(
                "CARRIER | WMS -> CARRIER | 1 | 600000 | 1 | 1",
                "WMS | OMS -> WMS | 1 | 300000 | 2 | 2");
    }

    @Test
    void grouping_by_node_region_or_channel_names_the_group_of_each_stage() {
        assertThat(rows(ok("groupBy=node&limit=1&" + WINDOW))).containsExactly("DC-1 | PICKED -> DELIVERED | 1 | 3600000 | 1 | 1");
        assertThat(rows(ok("groupBy=region&limit=1&" + WINDOW))).containsExactly("EU | PICKED -> DELIVERED | 1 | 3600000 | 1 | 1");
        assertThat(rows(ok("groupBy=channel&limit=1&" + WINDOW))).containsExactly("web | PICKED -> DELIVERED | 1 | 3600000 | 1 | 1");
        assertThat(ok("groupBy=node&limit=1&" + WINDOW).get("groups").asInt()).isEqualTo(3);
    }

    @Test
    void only_orders_placed_in_the_window_and_matching_the_filters_count() {
        assertThat(ok("groupBy=stage&dataset=shop&" + q("from", T0.plusSeconds(60).toString()) + "&"
                + q("to", T0_PLUS_4H.toString())).get("bottlenecks")).isEmpty();   // o1 was placed at T0
        assertThat(ok("groupBy=stage&node=DC-2&" + WINDOW).get("bottlenecks")).isEmpty();
        assertThat(ok("groupBy=stage&channel=web&fulfillment_type=ship_to_home&region=EU&node=DC-1&" + WINDOW)
                .get("bottlenecks")).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "groupBy=sku                    | groupBy must be one of channel, node, region, source_system, stage",
        "rank_by=median                 | rank_by must be one of mean, total",
        "limit=1001                     | limit must be an integer from 1 to 1000",
        "from=2024-03-02T00:00:00Z&to=2024-03-01T00:00:00Z | from must be before to",
    })
    void bad_parameters_give_400_saying_what_to_fix(String query, String message) {
        Api.Response r = api.get("/api/bottlenecks?" + query.strip());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).startsWith(message.strip());
    }
}
