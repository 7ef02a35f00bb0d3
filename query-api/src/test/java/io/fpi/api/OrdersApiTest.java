package io.fpi.api;

import static io.fpi.api.Api.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrdersApiTest extends QueryApiTestBase {

    private static List<String> ids(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.get("orders").forEach(o -> out.add(o.get("dataset").asText() + "/" + o.get("order_id").asText()));
        return out;
    }

    @Test
    void GET_orders_lists_every_order_once_newest_placed_first() {
        Api.Response r = api.get("/api/orders");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(ids(r.json())).containsExactly("shop/o7", "other/o1", "shop/o5", "shop/o4", "shop/o3", "shop/o2",
                "shop/o1", "shop/o6");
        assertThat(r.json().get("count").asInt()).isEqualTo(8);
        assertThat(r.json().get("limit").asInt()).isEqualTo(50);
    }

    private static JsonNode order(JsonNode answer, String orderId) {
        for (JsonNode o : answer.get("orders")) {
            if (o.get("order_id").asText().equals(orderId)) {
                return o;
            }
        }
        throw new AssertionError("no " + orderId + " in " + answer);
    }

    @Test
    void GET_orders_shows_the_latest_version_of_a_rewritten_trace() {
        JsonNode o1 = order(api.get("/api/orders?" + q("dataset", "shop")).json(), "o1");

        assertThat(o1.get("status").asText()).isEqualTo("completed");
        assertThat(o1.get("event_count").asInt()).isEqualTo(6);
    }

    @Test
    void GET_orders_items_carry_the_documented_fields_in_snake_case_with_iso_instants() {
        JsonNode o4 = order(api.get("/api/orders?" + q("dataset", "shop")).json(), "o4");

        assertThat(o4.get("dataset").asText()).isEqualTo("shop");
        assertThat(o4.get("status").asText()).isEqualTo("completed");
        assertThat(o4.get("placed_at").asText()).isEqualTo("2024-03-01T10:30:00Z");
        assertThat(o4.get("last_event_at").asText()).isEqualTo("2024-03-01T11:30:00Z");
        assertThat(o4.get("channel").asText()).isEqualTo("web");
        assertThat(o4.get("fulfillment_type").asText()).isEqualTo("ship_to_home");
        assertThat(o4.get("node_id").asText()).isEqualTo("DC-1");
        assertThat(o4.get("region").asText()).isEqualTo("EU");
        assertThat(o4.get("current_stage").asText()).isEqualTo("ORDER_PLACED");
        assertThat(o4.get("last_activity").asText()).isEqualTo("ORDER_PLACED");
        assertThat(o4.get("event_count").asInt()).isEqualTo(1);
        assertThat(o4.get("cycle_time_ms").asLong()).isEqualTo(3_600_000L);
    }

    @Test
    void GET_orders_gives_null_cycle_time_for_open_orders() {
        JsonNode open = api.get("/api/orders?status=open&" + q("dataset", "shop")).json().get("orders").get(0);

        assertThat(open.get("order_id").asText()).isEqualTo("o2");
        assertThat(open.has("cycle_time_ms")).isTrue();
        assertThat(open.get("cycle_time_ms").isNull()).isTrue();
    }

    @Test
    void GET_orders_with_limit_returns_only_the_newest() {
        JsonNode answer = api.get("/api/orders?limit=2").json();

        assertThat(ids(answer)).containsExactly("shop/o7", "other/o1");
        assertThat(answer.get("limit").asInt()).isEqualTo(2);
    }

    @Test
    void GET_orders_filters_by_status_after_collapsing_versions() {
        // shop/o1's first version is open; only its latest (completed) may count
        assertThat(ids(api.get("/api/orders?status=open").json())).containsExactly("other/o1", "shop/o2");
        assertThat(ids(api.get("/api/orders?status=completed").json()))
                .containsExactly("shop/o7", "shop/o4", "shop/o1", "shop/o6");
        assertThat(ids(api.get("/api/orders?status=cancelled").json())).containsExactly("shop/o3");
        assertThat(ids(api.get("/api/orders?status=returned").json())).containsExactly("shop/o5");
    }

    @Test
    void GET_orders_filters_by_dataset() {
        JsonNode answer = api.get("/api/orders?" + q("dataset", "other")).json();

        assertThat(ids(answer)).containsExactly("other/o1");
        assertThat(answer.get("dataset").asText()).isEqualTo("other");
        assertThat(ids(api.get("/api/orders?" + q("dataset", "no-such-dataset")).json())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1001", "-1", "abc", "1.5", "99999999999", "1e3"})
    void GET_orders_with_bad_limit_gives_400_naming_the_allowed_range(String limit) {
        Api.Response r = api.get("/api/orders?" + q("limit", limit));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("bad_request");
        assertThat(r.json().get("message").asText()).startsWith("limit must be an integer from 1 to 1000");
    }

    @Test
    void GET_orders_status_filter_ignores_case_and_surrounding_spaces() {
        assertThat(ids(api.get("/api/orders?" + q("status", " Cancelled ")).json())).containsExactly("shop/o3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"closed", "open,completed", "*", "placed"})
    void GET_orders_with_unknown_status_gives_400_listing_the_statuses(String status) {
        Api.Response r = api.get("/api/orders?" + q("status", status));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText())
                .isEqualTo("status must be one of cancelled, completed, open, returned");
    }

    @Test
    void GET_unknown_api_path_gives_404_json() {
        Api.Response r = api.get("/api/nothing-here");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").asText()).isEqualTo("not_found");
    }
}
