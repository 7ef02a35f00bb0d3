package io.fpi.api;

import static io.fpi.api.Api.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cursor paging of GET /api/orders over orders built to be hard to page: placement times shared by
 * three orders each, the same ids in two datasets, and stale versions placed later than any current
 * one (so that a read without FINAL would put them first).
 *
 * <pre>
 * dataset paged, p000..p136: placed T + (i / 3) min; i % 4 = 0 open at stage PICKED, else completed;
 *   channel WEB for even i, APP for odd; region EU for i < 70, US after; node N(i % 3)
 *   every 5th order also has a stale version 1 (open, placed a day later)
 * dataset paged2: p000..p009 at the same times as in paged
 * dataset live: p000..p059 as in paged, for the test that writes between pages
 * dataset crowded: c00..c29 placed T + 10 d + i s, each with 6 stale versions placed a day later
 * </pre>
 */
class OrdersPagingTest extends IsolatedApiTestBase {
    static final Instant T = Instant.parse("2024-05-01T08:00:00Z");
    static final int N = 137;

    /** dataset/id of every order of "paged", in the API's order: newest placed first, id descending, dataset ascending. */
    static final List<String> EXPECTED = new ArrayList<>();

    @BeforeAll
    static void load() {
        startAppOver("orders_paging_test");
        List<TraceRowBuilder> current = new ArrayList<>();
        List<TraceRowBuilder> stale = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            current.add(order("paged", i));
            if (i % 5 == 0) {
                stale.add(new TraceRowBuilder("paged", id(i), T.plusSeconds(86_400)).version(1));
            }
        }
        for (int i = 0; i < 10; i++) {
            current.add(order("paged2", i));
        }
        for (int i = 0; i < 60; i++) {
            current.add(order("live", i));
        }
        Instant crowded = T.plusSeconds(10 * 86_400);
        for (int i = 0; i < 30; i++) {
            current.add(new TraceRowBuilder("crowded", String.format("c%02d", i), crowded.plusSeconds(i)).version(9));
            for (int v = 1; v <= 6; v++) {
                stale.add(new TraceRowBuilder("crowded", String.format("c%02d", i), crowded.plusSeconds(86_400 + i * 10 + v))
                        .version(v));
            }
        }
        for (int i = 0; i < 400; i++) {
            current.add(new TraceRowBuilder("longids", longId(i), T.plusSeconds(20 * 86_400 + i)).version(1));
        }
        traces(stale.toArray(TraceRowBuilder[]::new));
        traces(current.toArray(TraceRowBuilder[]::new));
        EXPECTED.addAll(expected(N, "paged"));
    }

    /** Orders 0..n-1 of the given datasets in the API's order: newest placed first, then id descending, then dataset. */
    static List<String> expected(int n, String... datasets) {
        List<String[]> keys = new ArrayList<>();
        for (String d : datasets) {
            for (int i = 0; i < n; i++) {
                keys.add(new String[] {String.format("%05d", i / 3), id(i), d});
            }
        }
        keys.sort(Comparator.<String[], String>comparing(k -> k[0]).reversed()
                .thenComparing(k -> k[1], Comparator.reverseOrder()).thenComparing(k -> k[2]));
        return keys.stream().map(k -> k[2] + "/" + k[1]).toList();
    }

    /** 256 characters: 400 of them are more candidate keys than the SQL text may hold. */
    static String longId(int i) {
        return String.format("%03d", i) + "-" + "x".repeat(252);
    }

    static String id(int i) {
        return String.format("p%03d", i);
    }

    static TraceRowBuilder order(String dataset, int i) {
        TraceRowBuilder b = new TraceRowBuilder(dataset, id(i), T.plusSeconds(60L * (i / 3))).version(2)
                .dimensions(i % 2 == 0 ? "WEB" : "APP", "SHIP_TO_HOME", i < 70 ? "EU" : "US").node("N" + (i % 3));
        return i % 4 == 0 ? b.currentStage("PICKED") : b.closed("completed", T.plusSeconds(60L * (i / 3) + 3600));
    }

    /** Every page of a listing, following next_cursor; fails on a repeated order. */
    static List<String> pages(String query, int limit) {
        List<String> all = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = ok("/api/orders?limit=" + limit + "&" + query + (cursor == null ? "" : "&" + q("cursor", cursor)));
            assertThat(page.get("count").asInt()).isLessThanOrEqualTo(limit);
            for (JsonNode o : page.get("orders")) {
                String key = o.get("dataset").asText() + "/" + o.get("order_id").asText();
                assertThat(seen.add(key)).as("repeated " + key).isTrue();
                all.add(key);
            }
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            assertThat(++pages).isLessThan(200);
        } while (cursor != null);
        return all;
    }

    static JsonNode ok(String pathAndQuery) {
        Api.Response r = api.get(pathAndQuery);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 10, 50, 136, 137, 1000})
    void paging_through_every_page_gives_every_order_once_in_order_whatever_the_page_size(int limit) {
        assertThat(pages("dataset=paged", limit)).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void the_last_page_has_no_next_cursor_and_a_full_one_has() {
        JsonNode all = ok("/api/orders?dataset=paged&limit=1000");
        JsonNode first = ok("/api/orders?dataset=paged&limit=10");

        assertThat(all.get("count").asInt()).isEqualTo(N);
        assertThat(all.get("next_cursor").isNull()).isTrue();
        assertThat(first.get("next_cursor").asText()).isNotBlank();
    }

    @Test
    void the_same_ids_in_two_datasets_are_two_orders_ordered_by_dataset_on_ties() {
        // placed T .. T+4 min: p000..p011 of paged, p000..p009 of paged2 (and of live, which is left out)
        List<String> both = pages("from=" + T + "&to=" + T.plusSeconds(240), 3).stream()
                .filter(k -> !k.startsWith("live/")).toList();

        List<String> want = expected(12, "paged", "paged2").stream()
                .filter(k -> !k.startsWith("paged2/p010") && !k.startsWith("paged2/p011")).toList();
        assertThat(both).containsExactlyElementsOf(want).hasSize(22);
        assertThat(both.subList(0, 5)).containsExactly("paged/p011", "paged/p010", "paged/p009", "paged2/p009", "paged/p008");
    }

    @Test
    void a_cursor_is_unaffected_by_orders_and_versions_written_between_two_pages() {
        JsonNode first = ok("/api/orders?dataset=live&limit=15");
        String cursor = first.get("next_cursor").asText();
        List<String> seen = new ArrayList<>();
        first.get("orders").forEach(o -> seen.add("live/" + o.get("order_id").asText()));
        int page = 0;
        while (cursor != null) {
            // between pages: a newer order (it belongs before the cursor) and new versions of orders on both sides
            traces(new TraceRowBuilder("live", "p9" + page, T.plusSeconds(86_400 * (2 + page))).version(1),
                    order("live", 58 - page).version(3).lastEvent(T.plusSeconds(7200), "PACKED", 4),
                    order("live", 3 + page).version(3).lastEvent(T.plusSeconds(7200), "PACKED", 4));
            JsonNode next = ok("/api/orders?dataset=live&limit=15&" + q("cursor", cursor));
            next.get("orders").forEach(o -> seen.add("live/" + o.get("order_id").asText()));
            cursor = next.get("next_cursor").isNull() ? null : next.get("next_cursor").asText();
            page++;
        }

        assertThat(seen).containsExactlyElementsOf(expected(60, "live"));
    }

    @Test
    void stale_versions_crowding_the_candidates_never_hide_the_newest_orders() {
        JsonNode page = ok("/api/orders?dataset=crowded&limit=5");

        List<String> ids = new ArrayList<>();
        page.get("orders").forEach(o -> ids.add(o.get("order_id").asText()));
        assertThat(ids).containsExactly("c29", "c28", "c27", "c26", "c25");
        assertThat(page.get("orders").get(0).get("placed_at").asText()).isEqualTo(T.plusSeconds(10 * 86_400 + 29).toString());
        assertThat(pages("dataset=crowded", 4)).hasSize(30);
    }

    @Test
    void a_page_of_orders_with_long_ids_comes_whole_when_their_keys_are_too_many_to_write_into_the_query() {
        JsonNode page = ok("/api/orders?dataset=longids&limit=300");

        assertThat(page.get("count").asInt()).isEqualTo(300);
        assertThat(page.get("orders").get(0).get("order_id").asText()).isEqualTo(longId(399));
        assertThat(page.get("orders").get(299).get("order_id").asText()).isEqualTo(longId(100));
        assertThat(pages("dataset=longids", 300)).hasSize(400);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "status=open                       | 35",   // i % 4 == 0
        "stage=PICKED                      | 35",
        "status=completed&channel=APP      | 68",   // odd i: never i % 4 == 0
        "channel=WEB&status=open           | 35",
        "region=US                         | 67",
        "node=N0                           | 46",
        "region=EU&node=N1&status=open     | 6",    // i < 70, i % 3 == 1, i % 4 == 0: 4, 16, 28, 40, 52, 64
        "stage=PACKED                      | 0",
    })
    void filters_keep_exactly_the_matching_orders(String filter, int expected) {
        List<String> listed = pages("dataset=paged&" + filter.strip(), 10);

        assertThat(listed).hasSize(expected);
        if (!listed.isEmpty()) {
            assertThat(EXPECTED).containsSubsequence(listed); // same order as the unfiltered list
        }
    }

    @Test
    void from_and_to_bound_the_placement_time() {
        // placed T+10 min .. T+12 min: i / 3 in {10, 11}
        List<String> listed = pages("dataset=paged&" + q("from", T.plusSeconds(600).toString()) + "&"
                + q("to", T.plusSeconds(720).toString()), 4);

        assertThat(listed).containsExactly("paged/p035", "paged/p034", "paged/p033", "paged/p032", "paged/p031", "paged/p030");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "cursor=abc                                          | cursor is not one this list issued",
        "cursor=WyJmaW5kaW5ncyIsMSwiZjEiXQ                   | cursor is not one this list issued",
        "from=2024-05-02T00:00:00Z&to=2024-05-01T00:00:00Z   | from must be before to",
        "limit=0                                             | limit must be an integer from 1 to 1000",
    })
    void bad_paging_parameters_give_400_saying_what_to_do(String query, String message) {
        Api.Response r = api.get("/api/orders?dataset=paged&" + query.strip());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).startsWith(message.strip());
    }
}
