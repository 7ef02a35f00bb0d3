package io.fpi.api;

import static io.fpi.api.Api.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GET /api/exceptions/patterns over exception_windows rows written by hand (15-min windows from W0):
 *
 * <pre>
 * shop all    INTEGRATION_CALL_FAILED|CARRIER_API_5XX|CARRIER|carrier=SWIFTSHIP  W0: 3, W0+15m: 5 (spike, v2 of
 *             the row: written twice), W0+45m: 2                                  -> 10 events
 * shop region EXCEPTION_RAISED|BACKORDER|OMS|region=MIDWEST                      W0+30m: 1 -> 1 event
 * other all   INTEGRATION_CALL_FAILED|ERP_TIMEOUT|ERP                            W0: 4 -> 4 events
 * shop all    the same carrier key, W0-1h: 50 (outside every window asked)
 * longago all the same carrier key, W0-40d: 1
 * </pre>
 */
class PatternsApiTest extends IsolatedApiTestBase {
    static final Instant W0 = Instant.parse("2024-04-01T10:00:00Z");
    static final String HOUR = q("from", W0.toString()) + "&" + q("to", W0.plusSeconds(3600).toString());
    static final String CARRIER = "INTEGRATION_CALL_FAILED|CARRIER_API_5XX|CARRIER|carrier=SWIFTSHIP";
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void load() {
        startAppOver("patterns_test");
        List<String> rows = new ArrayList<>();
        rows.add(window("shop", "all", CARRIER, "INTEGRATION_CALL_FAILED", "CARRIER_API_5XX", "CARRIER", "", 0, 3, false));
        rows.add(window("shop", "all", CARRIER, "INTEGRATION_CALL_FAILED", "CARRIER_API_5XX", "CARRIER", "", 15, 5, true));
        rows.add(window("shop", "all", CARRIER, "INTEGRATION_CALL_FAILED", "CARRIER_API_5XX", "CARRIER", "", 45, 2, false));
        rows.add(window("shop", "all", CARRIER, "INTEGRATION_CALL_FAILED", "CARRIER_API_5XX", "CARRIER", "", -60, 50, false));
        rows.add(window("shop", "region", "EXCEPTION_RAISED|BACKORDER|OMS|region=MIDWEST", "EXCEPTION_RAISED", "BACKORDER",
                "OMS", "MIDWEST", 30, 1, false));
        rows.add(window("other", "all", "INTEGRATION_CALL_FAILED|ERP_TIMEOUT|ERP", "INTEGRATION_CALL_FAILED", "ERP_TIMEOUT",
                "ERP", "", 0, 4, false));
        rows.add(window("longago", "all", CARRIER, "INTEGRATION_CALL_FAILED", "CARRIER_API_5XX", "CARRIER", "", -60 * 24 * 40, 1,
                false));
        insert("exception_windows", rows);
        insert("exception_windows", List.of(rows.get(1))); // the replayed twin FINAL collapses
    }

    static String window(String dataset, String scope, String key, String activity, String code, String system, String region,
                         int minutes, long count, boolean spike) {
        long start = W0.plusSeconds(60L * minutes).toEpochMilli();
        ObjectNode r = JSON.createObjectNode().put("dataset", dataset).put("scope", scope).put("pattern_key", key)
                .put("activity", activity).put("error_code", code).put("source_system", system).put("node_id", "")
                .put("region", region).put("channel", "").put("window_start_ms", start).put("window_ms", 900_000)
                .put("window_date", Instant.ofEpochMilli(start).toString().substring(0, 10)).put("event_count", count)
                .put("baseline_mean_milli", 1500).put("baseline_sigma_milli", 1000).put("threshold_milli", 5500)
                .put("active_windows", 1).put("spike", spike ? 1 : 0).put("spike_finding_id", spike ? "exception_spike-1" : "")
                .put("recurring_finding_id", "");
        var keys = r.putArray("attr_keys");
        var values = r.putArray("attr_values");
        if (key.contains("carrier=")) {
            keys.add("carrier");
            values.add("SWIFTSHIP");
        }
        r.putArray("sample_orders").add("o1");
        return r.toString();
    }

    static JsonNode ok(String query) {
        Api.Response r = api.get("/api/exceptions/patterns?" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    static List<Long> trend(JsonNode pattern) {
        List<Long> out = new ArrayList<>();
        pattern.get("trend").forEach(p -> out.add(p.get("count").asLong()));
        return out;
    }

    @Test
    void patterns_come_most_events_first_each_with_a_trend_that_shows_empty_windows_as_zero() {
        JsonNode r = ok("dataset=shop&" + HOUR);

        JsonNode top = r.get("top");
        assertThat(top).hasSize(2);
        assertThat(r.get("patterns").asInt()).isEqualTo(2);
        JsonNode carrier = top.get(0);
        assertThat(carrier.get("pattern_key").asText()).isEqualTo(CARRIER);
        assertThat(carrier.get("events").asLong()).isEqualTo(10);      // the twin of W0+15m counts once
        assertThat(trend(carrier)).containsExactly(3L, 5L, 0L, 2L);
        assertThat(carrier.get("trend").get(0).get("t").asText()).isEqualTo("2024-04-01T10:00:00Z");
        assertThat(carrier.get("spiking").asBoolean()).isTrue();
        assertThat(carrier.get("spike_finding_id").asText()).isEqualTo("exception_spike-1");
        assertThat(carrier.get("attributes").get("carrier").asText()).isEqualTo("SWIFTSHIP");
        assertThat(carrier.get("latest_baseline_mean").asDouble()).isEqualTo(1.5);
        assertThat(carrier.get("windows_with_events").asInt()).isEqualTo(3);
        assertThat(carrier.get("node_id").isNull()).isTrue();
        assertThat(trend(top.get(1))).containsExactly(0L, 0L, 1L, 0L);
        assertThat(top.get(1).get("region").asText()).isEqualTo("MIDWEST");
        assertThat(top.get(1).get("spiking").asBoolean()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "scope=region                          ; EXCEPTION_RAISED|BACKORDER|OMS|region=MIDWEST",
        "error_code=CARRIER_API_5XX            ; " + CARRIER,
        "source_system=OMS                     ; EXCEPTION_RAISED|BACKORDER|OMS|region=MIDWEST",
        "region=MIDWEST                        ; EXCEPTION_RAISED|BACKORDER|OMS|region=MIDWEST",
        "limit=1                               ; " + CARRIER,
        "scope=node                            ; ''",
    })
    void filters_keep_the_matching_patterns(String filter, String keys) {
        List<String> got = new ArrayList<>();
        ok("dataset=shop&" + HOUR + "&" + filter.strip()).get("top").forEach(p -> got.add(p.get("pattern_key").asText()));

        assertThat(got).containsExactlyElementsOf(keys.isBlank() ? List.of() : List.of(keys.strip()));
    }

    @Test
    void the_count_of_patterns_includes_those_the_limit_cut() {
        assertThat(ok("dataset=shop&limit=1&" + HOUR).get("patterns").asInt()).isEqualTo(2);
    }

    @Test
    void without_dataset_every_dataset_counts() {
        assertThat(ok(HOUR).get("top")).hasSize(3); // longago's row is 40 days before
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "scope=global                                       | scope must be one of all, channel, node, region",
        "limit=201                                          | limit must be an integer from 1 to 200",
        "dataset=longago&from=2024-01-01T00:00:00Z&to=2024-03-01T00:00:00Z | from..to holds 5760 windows of 15 min per pattern; at most 2000",
    })
    void bad_parameters_give_400_saying_what_to_fix(String query, String message) {
        Api.Response r = api.get("/api/exceptions/patterns?" + query.strip());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).startsWith(message.strip());
    }
}
