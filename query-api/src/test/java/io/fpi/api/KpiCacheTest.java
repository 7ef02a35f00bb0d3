package io.fpi.api;

import static io.fpi.api.Api.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.api.health.KafkaProbe;
import io.fpi.runtime.local.FreePorts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The KPI hour cache and the open-order index stay exact while rows arrive, are replaced and are
 * removed: every answer of the long-lived app equals that of an app started afresh (nothing cached)
 * over the same tables. Rows go into old hours too, as an import or a replay would write them.
 */
class KpiCacheTest extends IsolatedApiTestBase {
    static final Instant H0 = Instant.parse("2024-06-01T00:00:00Z");
    static final String DAY = q("from", H0.toString()) + "&" + q("to", H0.plusSeconds(86_400).toString());

    @BeforeAll
    static void load() {
        startAppOver("kpi_cache_test");
    }

    static KpiMinuteRowBuilder row(String dataset, int minute, String channel) {
        return new KpiMinuteRowBuilder(dataset, H0.plusSeconds(60L * minute), channel, "SHIP_TO_HOME", "EU", "DC-1");
    }

    static void kpiRows(KpiMinuteRowBuilder... rows) {
        insert("kpi_minute", java.util.Arrays.stream(rows).map(KpiMinuteRowBuilder::json).toList());
    }

    static JsonNode get(Api client, String pathAndQuery) {
        Api.Response r = client.get(pathAndQuery);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    /** The same request to a new app over the same database: nothing cached. */
    static JsonNode fresh(String pathAndQuery) {
        KafkaProbe probe = new KafkaProbe("127.0.0.1:" + FreePorts.pick(), Duration.ofSeconds(1));
        QueryApiApp cold = new QueryApiApp(db, probe, ApiConfig.defaults().withClock(Clock.fixed(H0, ZoneOffset.UTC)))
                .start("127.0.0.1", 0);
        try {
            return get(new Api(cold.port()), pathAndQuery);
        } finally {
            cold.stop();
            probe.close();
        }
    }

    static long placed(String query) {
        return get(api, "/api/kpis/summary?" + query).get("orders_placed").asLong();
    }

    @Test
    void rows_written_into_an_hour_already_cached_change_the_answer() {
        kpiRows(row("late", 10, "WEB").orders(2, 0, 0, 0), row("late", 70, "WEB").orders(3, 0, 0, 0));
        assertThat(placed("dataset=late&" + DAY)).isEqualTo(5);

        kpiRows(row("late", 11, "WEB").orders(4, 0, 0, 0));   // an old hour, as an import would write it
        assertThat(placed("dataset=late&" + DAY)).isEqualTo(9);

        kpiRows(row("late", 70, "WEB").version(2).orders(1, 0, 0, 0)); // a fuller version replaces the row
        assertThat(placed("dataset=late&" + DAY)).isEqualTo(7);
    }

    @Test
    void another_datasets_rows_leave_a_dataset_alone_but_count_for_every_dataset() {
        kpiRows(row("alone", 5, "WEB").orders(1, 0, 0, 0));
        assertThat(placed("dataset=alone&" + DAY)).isEqualTo(1);
        long all = placed(DAY);

        kpiRows(row("other_alone", 5, "WEB").orders(6, 0, 0, 0));

        assertThat(placed("dataset=alone&" + DAY)).isEqualTo(1);
        assertThat(placed(DAY)).isEqualTo(all + 6);
    }

    @Test
    void deleted_rows_leave_the_answer_whether_by_mutation_or_by_dropped_partition() throws InterruptedException {
        kpiRows(row("gone", 15, "WEB").orders(5, 0, 0, 0), row("gone", 16, "APP").orders(7, 0, 0, 0));
        assertThat(placed("dataset=gone&" + DAY)).isEqualTo(12);

        db.execute("ALTER TABLE kpi_minute DELETE WHERE dataset = 'gone' AND channel = 'APP'");
        awaitMutations();
        assertThat(placed("dataset=gone&" + DAY)).isEqualTo(5);

        Instant elsewhere = Instant.parse("2023-02-10T00:00:00Z");
        insert("kpi_minute", List.of(new KpiMinuteRowBuilder("gone", elsewhere, "WEB", "X", "EU", "N").orders(8, 0, 0, 0).json()));
        String feb = q("from", elsewhere.toString()) + "&" + q("to", elsewhere.plusSeconds(86_400).toString());
        assertThat(placed("dataset=gone&" + feb)).isEqualTo(8);
        db.execute("ALTER TABLE kpi_minute DROP PARTITION 202302");
        assertThat(placed("dataset=gone&" + feb)).isZero();
    }

    @Test
    void a_long_lived_app_answers_as_a_fresh_one_after_every_round_of_random_writes() {
        Random random = new Random(42);
        List<String> queries = List.of(
                "/api/kpis/summary?dataset=rnd&" + DAY,
                "/api/kpis/summary?" + q("from", H0.plusSeconds(1234).toString()) + "&" + q("to", H0.plusSeconds(50_000).toString()),
                "/api/kpis/summary?dataset=rnd&channel=APP&" + q("from", H0.plusSeconds(3600).toString()) + "&"
                        + q("to", H0.plusSeconds(7 * 3600 + 90).toString()),
                "/api/kpis/timeseries?metric=cycle_time_p90_ms&interval=hour&dataset=rnd&groupBy=channel&" + DAY,
                "/api/kpis/timeseries?metric=orders_placed&interval=day&" + DAY,
                "/api/kpis/rollup?interval=hour&dataset=rnd&" + DAY);
        for (int round = 0; round < 8; round++) {
            List<KpiMinuteRowBuilder> rows = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                rows.add(row("rnd", random.nextInt(24 * 60), random.nextBoolean() ? "WEB" : "APP").version(1 + random.nextInt(3))
                        .orders(random.nextInt(5), random.nextInt(3), 0, 0).cycleTimes(1 + random.nextInt(10_000_000))
                        .sla(random.nextInt(2), 2));
            }
            kpiRows(rows.toArray(KpiMinuteRowBuilder[]::new));
            for (String query : queries) {
                assertThat(get(api, query)).as("round " + round + ": " + query).isEqualTo(fresh(query));
            }
        }
    }

    @Test
    void orders_open_follows_new_orders_closing_versions_and_a_truncated_table() {
        Instant placed = H0.plusSeconds(600);
        traces(new TraceRowBuilder("open", "a", placed), new TraceRowBuilder("open", "b", placed));
        assertThat(get(api, "/api/kpis/summary?dataset=open&" + DAY).get("orders_open").asLong()).isEqualTo(2);

        traces(new TraceRowBuilder("open", "b", placed).version(2).closed("completed", placed.plusSeconds(60)),
                new TraceRowBuilder("open", "c", placed.plusSeconds(7200)).version(1));
        assertThat(get(api, "/api/kpis/summary?dataset=open&" + DAY).get("orders_open").asLong()).isEqualTo(2); // a, c
        assertThat(get(api, "/api/kpis/summary?dataset=open&" + DAY).get("orders_open").asLong())
                .isEqualTo(fresh("/api/kpis/summary?dataset=open&" + DAY).get("orders_open").asLong());

        traces(new TraceRowBuilder("open", "a", placed).version(1)); // a replayed, older version changes nothing
        assertThat(get(api, "/api/kpis/summary?dataset=open&" + DAY).get("orders_open").asLong()).isEqualTo(2);
    }

    private static void awaitMutations() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            JsonNode r = db.queryOne("SELECT count() AS n FROM system.mutations WHERE database = currentDatabase() AND is_done = 0");
            if (r.get("n").asLong() == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("mutation did not finish");
    }
}
