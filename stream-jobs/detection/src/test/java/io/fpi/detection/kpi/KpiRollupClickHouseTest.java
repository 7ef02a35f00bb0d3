package io.fpi.detection.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.detection.kpi.functions.DimensionKey;
import io.fpi.detection.kpi.functions.MinuteKpiAggregator;
import io.fpi.detection.kpi.records.KpiContribution;
import io.fpi.detection.kpi.records.KpiMinuteRow;
import io.fpi.detection.kpi.records.KpiMinuteRowEncoder;
import io.fpi.detection.kpi.records.Measure;
import io.fpi.jobs.common.JsonRowWriter;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.local.LocalClickHouse;
import io.fpi.runtime.migrations.Migrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kpi_minute on a real clickhouse-server: the rows the aggregator writes, including the repeats a
 * restore replays, give per hour and per day exactly the sums of the minute rows and of the
 * contributions behind them; inserting them all again changes no answer.
 */
class KpiRollupClickHouseTest extends KpiTestBase {
    private static final Duration LATENESS = Duration.ofMinutes(20);
    private static final long HOUR = 3_600_000;
    private static final long DAY = 86_400_000;
    private static final String[] NODES = {"DC-1", "ST-7", ""};

    private static Path dir;
    private static LocalClickHouse server;
    private static ClickHouseClient ch;
    /** Every contribution the aggregator accepted, folded per hour: what any answer must equal. */
    private static final Map<Long, KpiMinuteRow> EXPECTED_PER_HOUR = new TreeMap<>();
    private static List<KpiMinuteRow> written;

    @BeforeAll
    static void writeRows() throws Exception {
        dir = Files.createTempDirectory("fpi-kpi-rollup");
        server = LocalClickHouse.start(dir.resolve("clickhouse"));
        ch = server.client();
        Migrations.apply(ch);
        written = aggregateWithARestore(contributions());
        // one insert per kind: first run, replay (identical rows), and the earliest versions again
        insert(written);
        insert(written);
        insert(written.stream().filter(r -> r.version == 1).toList());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Two days of random contributions, mostly in time order, some late within the lateness, a few retractions. */
    private static List<KpiContribution> contributions() {
        Random random = new Random(5);
        List<KpiContribution> out = new ArrayList<>();
        Measure[] measures = {Measure.ORDERS_PLACED, Measure.ORDERS_COMPLETED, Measure.CYCLE_TIME, Measure.SLA_OUTCOME,
            Measure.EXCEPTION_RESOLUTION, Measure.INTEGRATION_FAILURE, Measure.COST, Measure.UNITS_ORDERED};
        for (long t = T0; t < T0 + 2 * DAY; t += 20_000 + random.nextInt(40_000)) {
            long at = random.nextInt(10) == 0 ? t - random.nextInt((int) LATENESS.toMillis()) : t;
            Measure m = measures[random.nextInt(measures.length)];
            long value = m == Measure.SLA_OUTCOME ? random.nextInt(2) : (long) Math.exp(8 + random.nextDouble() * 8);
            KpiContribution c = new KpiContribution(DATASET, "WEB", "SHIP_TO_HOME", "EU", NODES[random.nextInt(3)], at, m, 1,
                    value, m == Measure.INTEGRATION_FAILURE ? (random.nextBoolean() ? "WMS" : "CARRIER") : "");
            out.add(c);
            if (random.nextInt(8) == 0) {
                out.add(c.negated()); // a fact retracted right after (an order whose facts changed)
            }
        }
        return out;
    }

    /**
     * Feeds the aggregator with a watermark trailing the stream, takes a checkpoint a third of the
     * way, fails after two thirds and replays from the checkpoint, as a restore does. Returns every
     * row emitted by both attempts.
     */
    private static List<KpiMinuteRow> aggregateWithARestore(List<KpiContribution> cs) throws Exception {
        List<KpiMinuteRow> rows = new ArrayList<>();
        var h = harness(null);
        int checkpointAt = cs.size() / 3;
        int failAt = 2 * cs.size() / 3;
        OperatorSubtaskState checkpoint = null;
        long maxSeen = Long.MIN_VALUE;
        for (int i = 0; i < failAt; i++) {
            if (i == checkpointAt) {
                checkpoint = h.snapshot(1L, 1L);
            }
            maxSeen = feed(h, cs.get(i), maxSeen);
        }
        rows.addAll(h.extractOutputValues());
        h.close();

        h = harness(checkpoint);
        maxSeen = Long.MIN_VALUE;
        for (int i = checkpointAt; i < cs.size(); i++) {
            maxSeen = feed(h, cs.get(i), maxSeen);
        }
        h.processWatermark(Long.MAX_VALUE);
        rows.addAll(h.extractOutputValues());
        assertThat(h.getSideOutput(MinuteKpiAggregator.TOO_LATE)).as("nothing beyond the lateness").isNull();
        h.close();
        for (KpiContribution c : cs) {
            EXPECTED_PER_HOUR.computeIfAbsent(Math.floorDiv(c.minuteMs, HOUR) * HOUR, k -> new KpiMinuteRow()).add(c);
        }
        return rows;
    }

    private static long feed(KeyedOneInputStreamOperatorTestHarness<String, KpiContribution, KpiMinuteRow> h,
                             KpiContribution c, long maxSeen) throws Exception {
        h.processElement(c, c.minuteMs);
        long max = Math.max(maxSeen, c.minuteMs);
        h.processWatermark(max - 60_000); // trails the newest time by a minute
        return max;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, KpiContribution, KpiMinuteRow> harness(
            OperatorSubtaskState restore) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new MinuteKpiAggregator(LATENESS)),
                new DimensionKey(), Types.STRING);
        if (restore != null) {
            h.initializeState(restore);
        }
        h.open();
        return h;
    }

    private static void insert(List<KpiMinuteRow> rows) {
        JsonRowWriter w = new JsonRowWriter();
        KpiMinuteRowEncoder encoder = new KpiMinuteRowEncoder();
        rows.forEach(r -> encoder.encode(r, w));
        ch.insertJsonEachRow(KpiMinuteRowEncoder.TABLE, w.toByteArray());
    }

    private static final String SUMS = """
            SELECT intDiv(minute_ms, %1$d) * %1$d AS bucket, sum(orders_placed) AS placed, sum(orders_completed) AS completed,
                   sum(cycle_count) AS cycles, sum(cycle_sum_ms) AS cycle_sum, sumMap(cycle_buckets, cycle_counts) AS cycle_hist,
                   sum(sla_due) AS due, sum(sla_met) AS met, sum(exceptions_resolved) AS resolved,
                   sumMap(resolution_buckets, resolution_counts) AS resolution_hist, sum(cost_orders) AS cost_orders,
                   sum(cost_minor) AS cost, sum(units_ordered) AS units
            FROM kpi_minute FINAL
            WHERE dataset = 'acme'
            GROUP BY bucket
            ORDER BY bucket""";

    /** bucket -> the answer's fields as text, histograms included. */
    private static Map<Long, String> answer(long bucketMs) {
        Map<Long, String> out = new TreeMap<>();
        for (JsonNode r : ch.query(SUMS.formatted(bucketMs))) {
            String fields = "placed=" + r.get("placed").asLong() + " completed=" + r.get("completed").asLong()
                    + " cycles=" + r.get("cycles").asLong() + "/" + r.get("cycle_sum").asLong() + " " + histogram(r.get("cycle_hist"))
                    + " sla=" + r.get("met").asLong() + "/" + r.get("due").asLong()
                    + " resolved=" + r.get("resolved").asLong() + " " + histogram(r.get("resolution_hist"))
                    + " cost=" + r.get("cost").asLong() + "/" + r.get("cost_orders").asLong() + " units=" + r.get("units").asLong();
            out.put(r.get("bucket").asLong(), fields);
        }
        return out;
    }

    private static String histogram(JsonNode sumMap) {
        TreeMap<Integer, Long> h = new TreeMap<>();
        for (int i = 0; i < sumMap.get(0).size(); i++) {
            long n = sumMap.get(1).get(i).asLong();
            if (n != 0) {
                h.put(sumMap.get(0).get(i).asInt(), n);
            }
        }
        return h.toString();
    }

    /** Sums answers of finer buckets into coarser ones, as a reader adding up minute rows would. */
    private static Map<Long, String> rollUp(long bucketMs, long coarserMs) {
        Map<Long, List<JsonNode>> groups = new TreeMap<>();
        for (JsonNode r : ch.query(SUMS.formatted(bucketMs))) {
            groups.computeIfAbsent(Math.floorDiv(r.get("bucket").asLong(), coarserMs) * coarserMs, k -> new ArrayList<>()).add(r);
        }
        Map<Long, String> out = new TreeMap<>();
        groups.forEach((bucket, rows) -> {
            KpiMinuteRow sum = new KpiMinuteRow();
            TreeMap<Integer, Long> cycle = new TreeMap<>();
            TreeMap<Integer, Long> resolution = new TreeMap<>();
            for (JsonNode r : rows) {
                sum.ordersPlaced += r.get("placed").asLong();
                sum.ordersCompleted += r.get("completed").asLong();
                sum.cycleCount += r.get("cycles").asLong();
                sum.cycleSumMs += r.get("cycle_sum").asLong();
                sum.slaDue += r.get("due").asLong();
                sum.slaMet += r.get("met").asLong();
                sum.exceptionsResolved += r.get("resolved").asLong();
                sum.costOrders += r.get("cost_orders").asLong();
                sum.costMinor += r.get("cost").asLong();
                sum.unitsOrdered += r.get("units").asLong();
                merge(cycle, r.get("cycle_hist"));
                merge(resolution, r.get("resolution_hist"));
            }
            out.put(bucket, describe(sum, cycle, resolution));
        });
        return out;
    }

    private static void merge(TreeMap<Integer, Long> into, JsonNode sumMap) {
        for (int i = 0; i < sumMap.get(0).size(); i++) {
            into.merge(sumMap.get(0).get(i).asInt(), sumMap.get(1).get(i).asLong(), Long::sum);
        }
        into.values().removeIf(v -> v == 0);
    }

    private static String describe(KpiMinuteRow s, TreeMap<Integer, Long> cycle, TreeMap<Integer, Long> resolution) {
        return "placed=" + s.ordersPlaced + " completed=" + s.ordersCompleted + " cycles=" + s.cycleCount + "/" + s.cycleSumMs
                + " " + cycle + " sla=" + s.slaMet + "/" + s.slaDue + " resolved=" + s.exceptionsResolved + " " + resolution
                + " cost=" + s.costMinor + "/" + s.costOrders + " units=" + s.unitsOrdered;
    }

    private static TreeMap<Integer, Long> histogramOf(int[] buckets, long[] counts) {
        TreeMap<Integer, Long> h = new TreeMap<>();
        for (int i = 0; i < buckets.length; i++) {
            if (counts[i] != 0) {
                h.put(buckets[i], counts[i]);
            }
        }
        return h;
    }

    @Test
    void the_restore_really_replayed_rows() {
        long distinct = written.stream().map(r -> r.minuteMs + r.nodeId + "/" + r.version).distinct().count();
        assertThat(written.size()).isGreaterThan((int) distinct);
    }

    @Test
    void hourly_answers_equal_the_contributions_behind_them() {
        Map<Long, String> expected = new TreeMap<>();
        EXPECTED_PER_HOUR.forEach((hour, s) -> expected.put(hour, describe(s, histogramOf(s.cycleBuckets, s.cycleCounts),
                histogramOf(s.resolutionBuckets, s.resolutionCounts))));

        assertThat(answer(HOUR)).isEqualTo(expected);
    }

    @Test
    void hours_and_days_equal_the_sums_of_their_minutes() {
        assertThat(answer(HOUR)).isEqualTo(rollUp(60_000, HOUR));
        assertThat(answer(DAY)).isEqualTo(rollUp(60_000, DAY));
        assertThat(answer(DAY)).isEqualTo(rollUp(HOUR, DAY));
        assertThat(answer(DAY)).hasSize(3); // 48 h from 09:00 UTC touch three UTC days
    }

    @Test
    void inserting_every_row_again_and_merging_parts_changes_no_answer() {
        Map<Long, String> before = answer(HOUR);

        insert(written);
        ch.execute("OPTIMIZE TABLE kpi_minute FINAL");

        assertThat(answer(HOUR)).isEqualTo(before);
        long stored = ch.queryOne("SELECT count() AS n FROM kpi_minute").get("n").asLong();
        long keys = ch.queryOne("SELECT count() AS n FROM (SELECT DISTINCT minute_ms, node_id FROM kpi_minute)").get("n").asLong();
        assertThat(stored).as("after a merge one row per minute and node remains").isEqualTo(keys);
    }
}
