package io.fpi.api;

import static io.fpi.api.Api.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expectations from the table in {@link FindingFixtures}. */
class FindingsApiTest extends QueryApiTestBase {

    private static JsonNode ok(String pathAndQuery) {
        Api.Response r = api.get(pathAndQuery);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static List<String> ids(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.get("findings").forEach(f -> out.add(f.get("finding_id").asText()));
        return out;
    }

    @Test
    void GET_findings_lists_every_finding_newest_first_each_once() {
        JsonNode r = ok("/api/findings");

        assertThat(ids(r)).containsExactly("stall-b", "resolved-a", FindingFixtures.SLA_A, "recurring-c", "risk-d", "spike-e");
        assertThat(r.get("count").asInt()).isEqualTo(6);
        assertThat(r.get("limit").asInt()).isEqualTo(100);
    }

    @Test
    void GET_findings_gives_each_finding_with_the_fixed_fields_in_snake_case_and_iso_instants() {
        JsonNode f = ok("/api/findings?type=SLA_BREACH").get("findings").get(0);

        assertThat(f.get("finding_id").asText()).isEqualTo(FindingFixtures.SLA_A);
        assertThat(f.get("type").asText()).isEqualTo("SLA_BREACH");
        assertThat(f.get("order_id").asText()).isEqualTo("o1");
        assertThat(f.get("dataset").asText()).isEqualTo("shop");
        assertThat(f.get("detected_at").asText()).isEqualTo("2024-03-01T12:00:00Z");
        assertThat(f.get("deadline").asText()).isEqualTo("2024-03-01T11:00:00Z");
        assertThat(f.get("severity").asText()).isEqualTo("critical");
        assertThat(f.get("policy_id").asText()).isEqualTo("ship-to-home");
        assertThat(f.get("policy_version").asText()).isEqualTo("3");
        assertThat(f.get("milestone").asText()).isEqualTo("DELIVERED");
        assertThat(f.get("node_id").asText()).isEqualTo("DC-1");
        assertThat(f.get("trace_summary").asText()).isEqualTo("ORDER_PLACED > PICKED");
        assertThat(f.get("evidence").get("late_ms").asText()).isEqualTo("3600000");
        assertThat(f.get("resolves").isNull()).as("empty text is null").isTrue();
        assertThat(f.get("idle_ms").isNull()).isTrue();
    }

    @Test
    void GET_findings_of_a_stall_carries_stage_and_idle_time() {
        JsonNode f = ok("/api/findings?type=stall").get("findings").get(0);

        assertThat(f.get("stage").asText()).isEqualTo("PICKED");
        assertThat(f.get("idle_ms").asLong()).isEqualTo(7_200_000L);
        assertThat(f.get("deadline").isNull()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "type=RESOLVED                                          | resolved-a",
        "type=recurring_exception                               | recurring-c",
        "dataset=other                                          | risk-d",
        "dataset=shop&order_id=o1                               | resolved-a sla_breach-00000000000000a1",
        "from=2024-03-01T11:00:00Z&to=2024-03-01T13:00:00Z      | sla_breach-00000000000000a1 recurring-c",
        "to=2024-03-01T10:00:00Z                                | spike-e",
        "from=2024-03-01T13:00:00Z                              | stall-b resolved-a",
        "limit=2                                                | stall-b resolved-a",
        "type=AT_RISK&dataset=shop                              | ''",
    })
    void GET_findings_filters_by_type_dataset_order_window_and_limit(String query, String expected) {
        List<String> want = expected.isBlank() ? List.of() : List.of(expected.strip().split(" "));

        assertThat(ids(ok("/api/findings?" + query.strip()))).containsExactlyElementsOf(want);
    }

    @Test
    void GET_findings_echoes_its_filters() {
        JsonNode r = ok("/api/findings?type=stall&dataset=shop&" + q("from", "2024-03-01T11:00:00+01:00") + "&limit=5");

        assertThat(r.get("type").asText()).isEqualTo("STALL");
        assertThat(r.get("dataset").asText()).isEqualTo("shop");
        assertThat(r.get("from").asText()).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(r.get("to").isNull()).isTrue();
        assertThat(r.get("limit").asInt()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "type=LATE                                              | type must be one of SLA_BREACH, AT_RISK, STALL, RESOLVED, RECURRING_EXCEPTION, EXCEPTION_SPIKE",
        "limit=0                                                | limit must be an integer from 1 to 1000",
        "limit=1001                                             | limit must be an integer from 1 to 1000",
        "from=yesterday                                         | from must be an ISO-8601 instant",
        "from=2024-03-01T10:00:00Z&to=2024-03-01T10:00:00Z      | from must be before to",
    })
    void GET_findings_with_bad_parameters_gives_400_saying_what_to_fix(String query, String message) {
        Api.Response r = api.get("/api/findings?" + query.strip());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("bad_request");
        assertThat(r.json().get("message").asText()).startsWith(message.strip());
    }

    @Test
    void GET_findings_pages_by_cursor_through_every_finding_once_in_order() {
        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = ok("/api/findings?limit=4" + (cursor == null ? "" : "&" + q("cursor", cursor)));
            all.addAll(ids(page));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null);

        assertThat(all).containsExactly("stall-b", "resolved-a", FindingFixtures.SLA_A, "recurring-c", "risk-d", "spike-e");
    }

    @Test
    void GET_findings_breaks_ties_of_detection_time_across_pages_by_finding_id() {
        JsonNode first = ok("/api/findings?limit=1");   // stall-b and resolved-a share T0+3h
        JsonNode second = ok("/api/findings?limit=1&" + q("cursor", first.get("next_cursor").asText()));

        assertThat(ids(first)).containsExactly("stall-b");
        assertThat(ids(second)).containsExactly("resolved-a");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "node=DC-1                        | sla_breach-00000000000000a1",
        "severity=CRITICAL                | sla_breach-00000000000000a1",
        "severity=info                    | resolved-a",
        "severity=warning&dataset=other   | risk-d",
        "node=DC-9                        | ''",
        "channel=web                      | sla_breach-00000000000000a1",
        "fulfillment_type=ship_to_home    | sla_breach-00000000000000a1",
        "channel=store                    | ''",
    })
    void GET_findings_filters_by_node_and_severity(String query, String expected) {
        List<String> want = expected.isBlank() ? List.of() : List.of(expected.strip().split(" "));

        assertThat(ids(ok("/api/findings?" + query.strip()))).containsExactlyElementsOf(want);
    }

    @Test
    void GET_findings_with_a_cursor_of_another_list_gives_400() {
        String ordersCursor = api.get("/api/orders?limit=1").json().get("next_cursor").asText();

        Api.Response r = api.get("/api/findings?" + q("cursor", ordersCursor));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).startsWith("cursor is not one this list issued");
    }
}
