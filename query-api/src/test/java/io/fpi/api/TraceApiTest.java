package io.fpi.api;

import static io.fpi.api.Api.path;
import static io.fpi.api.Api.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceApiTest extends QueryApiTestBase {

    private static JsonNode trace(String orderId, String dataset) {
        Api.Response r = api.get("/api/orders/" + path(orderId) + "/trace" + (dataset == null ? "" : "?" + q("dataset", dataset)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    @Test
    void GET_trace_lists_each_event_once_ordered_by_time_then_sequence() {
        JsonNode events = trace("o1", "shop").get("events");

        assertThat(texts(events, "event_id")).containsExactly("e1", "e2", "e3", "z4", "a5", "e6");
        assertThat(texts(events, "activity")).containsExactly("ORDER_PLACED", "PAYMENT_AUTHORIZED",
                "EXCEPTION_RAISED", "PICKED", "INVENTORY_SYNCED", "DELIVERED");
        assertThat(texts(events, "source_system")).containsExactly("OMS", "PSP", "WMS", "WMS", "ERP", "CARRIER");
        assertThat(events.get(0).get("event_time").asText()).isEqualTo("2024-03-01T10:00:00Z");
    }

    @Test
    void GET_trace_events_carry_errors_attributes_and_null_for_no_error() {
        JsonNode events = trace("o1", "shop").get("events");

        JsonNode exception = events.get(2);
        assertThat(exception.get("error_code").asText()).isEqualTo("BACKORDER");
        assertThat(exception.get("error_reason").asText()).isEqualTo("short pick");
        assertThat(exception.get("attributes").get("sku").asText()).isEqualTo("SKU-1");
        assertThat(exception.get("node_id").asText()).isEqualTo("DC-1");
        assertThat(exception.get("sequence").asLong()).isEqualTo(2);
        assertThat(events.get(0).get("error_code").isNull()).isTrue();
    }

    @Test
    void GET_trace_gives_stages_with_activities_start_and_duration() {
        JsonNode stages = trace("o1", "shop").get("stages");

        assertThat(stages).hasSize(3);
        JsonNode second = stages.get(1);
        assertThat(second.get("stage").asText()).isEqualTo("PAYMENT_AUTHORIZED -> PICKED");
        assertThat(second.get("from_activity").asText()).isEqualTo("PAYMENT_AUTHORIZED");
        assertThat(second.get("to_activity").asText()).isEqualTo("PICKED");
        assertThat(second.get("start_time").asText()).isEqualTo("2024-03-01T10:05:00Z");
        assertThat(second.get("duration_ms").asLong()).isEqualTo(55 * 60_000L);
        assertThat(texts(stages, "duration_ms")).containsExactly("300000", "3300000", "3600000");
    }

    @Test
    void GET_trace_gives_status_cycle_time_variant_and_its_hash_as_a_string() {
        JsonNode t = trace("o1", "shop");

        assertThat(t.get("order_id").asText()).isEqualTo("o1");
        assertThat(t.get("dataset").asText()).isEqualTo("shop");
        assertThat(t.get("status").asText()).isEqualTo("completed");
        assertThat(t.get("cycle_time_ms").asLong()).isEqualTo(7_200_000L);
        assertThat(t.get("placed_at").asText()).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(t.get("completed_at").asText()).isEqualTo("2024-03-01T12:00:00Z");
        assertThat(t.get("promised_by").asText()).isEqualTo("2024-03-03T10:00:00Z");
        assertThat(t.get("current_stage").asText()).isEqualTo("DELIVERED");
        assertThat(t.get("variant").asText()).isEqualTo(Fixtures.O1_VARIANT);
        assertThat(t.get("variant_hash").isTextual()).isTrue();
        assertThat(t.get("variant_hash").asText()).isEqualTo("18446744073709551615");
        assertThat(t.get("units_ordered").asInt()).isEqualTo(3);
        assertThat(t.get("events_truncated").asBoolean()).isFalse();
    }

    @Test
    void GET_trace_gives_handoffs_with_latencies() {
        JsonNode handoffs = trace("o1", "shop").get("handoffs");

        assertThat(texts(handoffs, "from")).containsExactly("OMS", "WMS");
        assertThat(texts(handoffs, "to")).containsExactly("WMS", "CARRIER");
        assertThat(texts(handoffs, "latency_ms")).containsExactly("300000", "600000");
    }

    @Test
    void GET_trace_of_an_open_order_has_no_completion_and_no_cycle_time() {
        JsonNode t = trace("o2", "shop");

        assertThat(t.get("status").asText()).isEqualTo("open");
        assertThat(t.get("completed_at").isNull()).isTrue();
        assertThat(t.get("cycle_time_ms").isNull()).isTrue();
        assertThat(t.get("stages")).isEmpty();
    }

    @Test
    void GET_trace_without_dataset_picks_the_most_recently_placed_order_with_that_id() {
        JsonNode t = trace("o1", null);

        assertThat(t.get("dataset").asText()).isEqualTo("other");
        assertThat(t.get("status").asText()).isEqualTo("open");
        assertThat(texts(t.get("events"), "event_id")).containsExactly("x1");
    }

    @Test
    void GET_trace_with_dataset_reads_that_dataset() {
        assertThat(trace("o1", "shop").get("dataset").asText()).isEqualTo("shop");
        assertThat(trace("o1", "other").get("dataset").asText()).isEqualTo("other");
    }

    @Test
    void GET_trace_of_unknown_order_gives_404() {
        Api.Response r = api.get("/api/orders/no-such-order/trace");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").asText()).isEqualTo("not_found");
        assertThat(r.json().get("message").asText()).isEqualTo("no order 'no-such-order'");
    }

    @Test
    void GET_trace_of_an_order_in_another_dataset_gives_404() {
        Api.Response r = api.get("/api/orders/o2/trace?" + q("dataset", "other"));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("message").asText()).isEqualTo("no order 'o2' in dataset 'other'");
    }
}
