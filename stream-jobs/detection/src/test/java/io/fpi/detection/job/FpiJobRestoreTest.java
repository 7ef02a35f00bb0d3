package io.fpi.detection.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.detection.findings.FindingTypes;
import io.fpi.detection.kpi.KpiSettings;
import io.fpi.detection.sla.MonitorConfig;
import io.fpi.jobs.common.DeadLetterRecordSerializer;
import io.fpi.jobs.common.Envelope;
import io.fpi.jobs.common.EventDecoder;
import io.fpi.jobs.traces.TraceJobConfig;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import io.fpi.runtime.config.Env;
import io.fpi.runtime.local.EmbeddedKafka;
import io.fpi.runtime.local.LocalClickHouse;
import io.fpi.runtime.migrations.Migrations;
import io.fpi.schemas.Finding;
import io.fpi.schemas.FindingCodec;
import io.fpi.simulator.SimRecord;
import io.fpi.simulator.Simulator;
import io.fpi.simulator.SimulatorConfig;
import io.fpi.simulator.scenarios.ScenarioName;
import io.fpi.simulator.scenarios.ScenarioSpec;
import io.fpi.simulator.stream.RecordStream;
import io.fpi.simulator.truth.GroundTruthCollector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once of the whole FPI job ({@link FpiJob#build}: Kafka source, trace workflow, SLA/stall
 * monitor, exception patterns, KPIs, ClickHouse sinks, findings and dead-letter topics) across a
 * restore, on a MiniCluster with a real Kafka broker and clickhouse-server.
 *
 * <p>One simulated workload (carrier outage: breaches, stalls, exception patterns; default noise:
 * out-of-order, duplicate and malformed records) goes through the job twice, into two ClickHouse
 * databases and two findings topics:
 * <ul>
 *   <li><b>reference</b>: one uninterrupted run over the whole topic;</li>
 *   <li><b>restored</b>: the first half of the topic, a checkpoint, more records that the job
 *       processes and writes (ClickHouse rows, findings, dead letters) <em>after</em> the checkpoint,
 *       then the job is killed (cancelled); a new job restores the checkpoint, replays everything
 *       after it and reads the rest.</li>
 * </ul>
 * Both end with stop-with-savepoint and drain (end of event time: every timer and window fires), so
 * the end state does not depend on when the test stopped them. The restored run must then show,
 * under FINAL, exactly the reference's traces, events, findings, exception windows, KPI minutes and
 * their hour and day rollups, and process-mining figures; its findings topic holds the reference's
 * findings, repeats allowed (the Kafka sinks are at-least-once) only as byte-identical copies with the
 * same finding id.
 *
 * <p>Periodic checkpoints are off (interval 1 h): the only checkpoint is the one the test triggers,
 * so the records published after it are certainly replayed.
 */
class FpiJobRestoreTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final int ORDERS = 3_000;
    private static final long SEED = 42;
    private static final long SIM_START = Instant.parse("2026-03-02T13:00:00Z").toEpochMilli();
    private static final String EVENTS_TOPIC = "restore.events";
    private static final int PARTITIONS = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /**
     * The KPI aggregator drops a change whose minute ended more than the allowed lateness before
     * the <em>current watermark</em>; with the default 1 h, a change arriving about an hour after its
     * minute is kept or dropped depending on how far the watermark had got, which differs between
     * runs (and after a restore, when the watermark starts over). Known issue; here no change is
     * too late, so the minute rows must be identical.
     */
    static final String KPI_LATENESS = "30d";

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static LocalClickHouse server;
    static List<byte[][]> records;
    /** Differences found by {@link #assertSameRows}, all reported together. */
    static final List<String> PROBLEMS = new ArrayList<>();

    @BeforeAll
    static void startServices() {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        kafka.createTopic(EVENTS_TOPIC, PARTITIONS);
        server = LocalClickHouse.start(dir.resolve("clickhouse"));
        log("services started");
        records = simulate();
        log("simulated");
    }

    @AfterAll
    static void stopServices() {
        log("stopping services");
        if (server != null) {
            server.close();
        }
        log("ClickHouse stopped");
        if (kafka != null) {
            kafka.close();
        }
        log("Kafka stopped");
    }

    @Test
    void a_job_killed_after_a_checkpoint_and_restored_ends_with_exactly_the_output_of_an_uninterrupted_run(
            @InjectClusterClient ClusterClient<?> cluster) throws Exception {
        int half = records.size() / 2;
        int afterCheckpoint = records.size() * 65 / 100;
        Run restored = new Run("restored");
        Run reference = new Run("reference");

        // restored run, first attempt: half the topic, a checkpoint, then more output, then a kill
        publish(records.subList(0, half));
        JobClient first = restored.submit(null);
        restored.awaitEvents(distinctEvents(0, half));
        long checkpointId = cluster.triggerCheckpoint(first.getJobID(), CheckpointType.CONFIGURED)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Path checkpoint = restored.checkpointDir.resolve(first.getJobID().toHexString()).resolve("chk-" + checkpointId);
        assertThat(checkpoint.resolve("_metadata")).exists();
        long findingsAtCheckpoint = restored.topicSize(restored.findingsTopic);
        long deadLettersAtCheckpoint = restored.topicSize(restored.dlqTopic);

        publish(records.subList(half, afterCheckpoint));
        restored.awaitEvents(distinctEvents(0, afterCheckpoint));
        awaitTrue("findings and dead letters published after the checkpoint",
                () -> restored.topicSize(restored.findingsTopic) > findingsAtCheckpoint
                        && restored.topicSize(restored.dlqTopic) >= deadLettersAtCheckpoint + deadLetters(half, afterCheckpoint));
        first.cancel().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        log("first attempt killed");
        long findingsBeforeKill = restored.topicSize(restored.findingsTopic);

        // restored run, second attempt: from the checkpoint, replaying everything after it
        publish(records.subList(afterCheckpoint, records.size()));
        restored.runToEnd(checkpoint);
        log("restored run finished");
        // reference run: the whole topic at once
        reference.runToEnd(null);
        log("reference run finished");

        assertThat(restored.topicSize(restored.findingsTopic)).as("findings published before the kill were published again")
                .isGreaterThan(findingsBeforeKill);
        assertSameTables(reference, restored);
        assertThat(PROBLEMS).as("differences between the restored and the reference run").isEmpty();
        assertSameFindingsTopic(reference, restored);
        assertRollupsAddUp(restored);
    }

    // ---- comparisons ----

    private static void assertSameTables(Run reference, Run restored) {
        int distinct = distinctEvents(0, records.size());
        assertThat(reference.count("SELECT count() AS n FROM events FINAL")).isEqualTo(distinct);
        assertThat(restored.count("SELECT count() AS n FROM events FINAL")).isEqualTo(distinct);
        assertThat(restored.count("SELECT uniqExact(dataset, order_id, event_id) AS n FROM events")).isEqualTo(distinct);

        List<JsonNode> traces = reference.rows("SELECT * FROM traces FINAL ORDER BY dataset, order_id");
        assertThat(traces).hasSize(ORDERS);
        assertSameRows("traces", traces, restored.rows("SELECT * FROM traces FINAL ORDER BY dataset, order_id"), "order_id");

        List<JsonNode> findings = reference.rows("SELECT * FROM findings FINAL ORDER BY dataset, type, finding_id");
        Map<String, Long> byType = new TreeMap<>();
        findings.forEach(f -> byType.merge(f.get("type").asText(), 1L, Long::sum));
        System.out.printf("FpiJobRestoreTest: %d records, %d orders, %d findings %s%n", records.size(), ORDERS,
                findings.size(), byType);
        assertThat(byType).as("the workload exercises every detector").containsKeys(FindingTypes.SLA_BREACH,
                FindingTypes.AT_RISK, FindingTypes.STALL, FindingTypes.RESOLVED, FindingTypes.EXCEPTION_SPIKE,
                FindingTypes.RECURRING_EXCEPTION);
        List<JsonNode> restoredFindings = restored.rows("SELECT * FROM findings FINAL ORDER BY dataset, type, finding_id");
        reportDifferingColumns("findings", findings, restoredFindings, "finding_id");
        assertSameRows("findings", withoutProgressColumns(findings), withoutProgressColumns(restoredFindings), "finding_id");
        assertThat(restored.count("SELECT count() - uniqExact(finding_id) AS n FROM findings FINAL"))
                .as("no finding id twice under FINAL").isZero();

        String windows = "SELECT * FROM exception_windows FINAL ORDER BY dataset, scope, pattern_key, window_ms, window_start_ms";
        List<JsonNode> referenceWindows = reference.rows(windows);
        assertThat(referenceWindows).isNotEmpty();
        assertSameRows("exception windows", referenceWindows, restored.rows(windows), "scope", "pattern_key", "window_ms",
                "window_start_ms");

        String minutes = "SELECT * FROM kpi_minute FINAL ORDER BY dataset, minute_ms, channel, fulfillment_type, region, node_id";
        List<JsonNode> referenceMinutes = reference.rows(minutes);
        assertThat(referenceMinutes).isNotEmpty();
        assertSameRows("kpi_minute", referenceMinutes, restored.rows(minutes), "minute_ms", "channel", "fulfillment_type",
                "region", "node_id");
        for (long bucket : new long[] {60_000L, 3_600_000L, 86_400_000L}) {
            String rollup = String.format(ROLLUP, bucket);
            List<JsonNode> expected = reference.rows(rollup);
            assertSameRows("KPI rollup per " + bucket + " ms", expected, restored.rows(rollup), "bucket", "channel",
                    "fulfillment_type", "region", "node_id");
            String integration = String.format(INTEGRATION_ROLLUP, bucket);
            assertSameRows("integration failures per " + bucket + " ms", reference.rows(integration),
                    restored.rows(integration), "bucket", "channel", "fulfillment_type", "region", "node_id", "system");
        }
        assertThat(restored.count("SELECT sum(orders_placed) AS n FROM kpi_minute FINAL"))
                .as("every order placed counted once").isEqualTo(ORDERS);

        Map<String, String[]> processQueries = Map.of(DFG, new String[] {"from_activity", "to_activity"},
                VARIANTS, new String[] {"variant"}, START_END, new String[] {"start_activity", "end_activity"});
        processQueries.forEach((sql, key) -> {
            List<JsonNode> expected = reference.rows(sql);
            assertThat(expected).isNotEmpty();
            assertSameRows(sql, expected, restored.rows(sql), key);
        });
    }

    /**
     * Fails with a short account (how many rows differ, a few examples) rather than two dumps of
     * thousands of rows; rows are matched by {@code key} columns (plus dataset).
     */
    private static void assertSameRows(String what, List<JsonNode> expected, List<JsonNode> actual, String... key) {
        Map<String, JsonNode> want = byKey(expected, key);
        Map<String, JsonNode> got = byKey(actual, key);
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        List<String> different = new ArrayList<>();
        want.forEach((k, row) -> {
            JsonNode other = got.get(k);
            if (other == null) {
                missing.add(row.toString());
            } else if (!other.equals(row)) {
                different.add("\n  reference: " + row + "\n  restored:  " + other);
            }
        });
        got.forEach((k, row) -> {
            if (!want.containsKey(k)) {
                extra.add(row.toString());
            }
        });
        if (!missing.isEmpty() || !extra.isEmpty() || !different.isEmpty()) {
            PROBLEMS.add(String.format("%s: %d rows in the reference, %d restored; %d missing, %d extra, %d different"
                    + "%nmissing e.g. %s%nextra e.g. %s%ndifferent e.g. %s", what, expected.size(), actual.size(),
                    missing.size(), extra.size(), different.size(), first(missing), first(extra), first(different)));
        } else if (!actual.equals(expected)) {
            PROBLEMS.add(what + ": the same rows in another order");
        }
    }

    /**
     * Columns of a finding that describe the order "as of" the finding's instant but are computed
     * from the monitor's bounded ring of recent milestones when the timer fires: if more milestones
     * than the ring holds arrive between the instant and the watermark reaching it (a replay burst
     * after a restore, a catch-up), the ring no longer reaches back to the instant and these fall
     * back to the order's current state. They depend on processing progress, so two runs of the
     * same input may differ here (two uninterrupted runs as well). Known issue; every other column
     * must be identical.
     */
    static final List<String> PROGRESS_DEPENDENT_FINDING_COLUMNS =
            List.of("stage", "last_activity", "source_system", "trace_summary", "message");

    /**
     * A STALL whose reason is "blocked" (the responsible system keeps failing) is reported at a
     * time that depends on when the monitor learnt of the failures, i.e. on processing progress, not
     * only on the order's events: its id (stage and since) is stable, its detection time and idle
     * time are not. Known issue.
     */
    static final List<String> BLOCKED_STALL_TIME_COLUMNS = List.of("detected_at_ms", "detected_date", "idle_ms");

    private static List<JsonNode> withoutProgressColumns(List<JsonNode> rows) {
        return rows.stream().map(r -> {
            var copy = ((com.fasterxml.jackson.databind.node.ObjectNode) r).deepCopy();
            copy.remove(PROGRESS_DEPENDENT_FINDING_COLUMNS);
            List<String> keys = new ArrayList<>();
            r.get("evidence_keys").forEach(k -> keys.add(k.asText()));
            int reason = keys.indexOf("reason");
            if (reason >= 0 && "blocked".equals(r.get("evidence_values").get(reason).asText())) {
                copy.remove(BLOCKED_STALL_TIME_COLUMNS);
            }
            return (JsonNode) copy;
        }).toList();
    }

    /** Prints how many rows differ per column (for the report; the assertions are elsewhere). */
    private static void reportDifferingColumns(String what, List<JsonNode> expected, List<JsonNode> actual, String... key) {
        Map<String, JsonNode> want = byKey(expected, key);
        Map<String, JsonNode> got = byKey(actual, key);
        Map<String, Integer> perColumn = new TreeMap<>();
        want.forEach((k, row) -> {
            JsonNode other = got.get(k);
            if (other != null) {
                row.fieldNames().forEachRemaining(c -> {
                    if (!row.get(c).equals(other.get(c))) {
                        perColumn.merge(c, 1, Integer::sum);
                    }
                });
            }
        });
        System.out.printf("FpiJobRestoreTest: %s rows differing per column: %s%n", what, perColumn);
    }

    private static Map<String, JsonNode> byKey(List<JsonNode> rows, String... key) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode r : rows) {
            StringBuilder k = new StringBuilder(r.path("dataset").asText());
            for (String column : key) {
                k.append('|').append(r.path(column).toString());
            }
            assertThat(out.put(k.toString(), r)).as("one row per key %s", k).isNull();
        }
        return out;
    }

    private static List<String> first(List<String> items) {
        return items.subList(0, Math.min(3, items.size()));
    }

    /**
     * The findings topics: the reference publishes each finding once; the restored run publishes
     * the same findings, and a finding published again after the restore is the same record.
     */
    private static void assertSameFindingsTopic(Run reference, Run restored) throws Exception {
        for (Run run : List.of(reference, restored)) {
            try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
                TopicPartition tp = new TopicPartition(run.findingsTopic, 0);
                assertThat(consumer.beginningOffsets(List.of(tp)).get(tp))
                        .as("%s: no record deleted by retention (record times must not be event times)", run.findingsTopic)
                        .isZero();
            }
        }
        Map<String, byte[]> expected = new HashMap<>();
        List<byte[]> referenceRecords = reference.readTopic(reference.findingsTopic);
        FindingCodec codec = new FindingCodec();
        for (byte[] value : referenceRecords) {
            Finding f = codec.decode(value);
            assertThat(expected.put(f.getFindingId(), value)).as("reference publishes %s once", f.getFindingId()).isNull();
        }
        Set<String> tableIds = new HashSet<>();
        reference.rows("SELECT finding_id FROM findings FINAL").forEach(r -> tableIds.add(r.get("finding_id").asText()));
        assertThat(expected.keySet()).as("topic and table hold the same findings").isEqualTo(tableIds);

        List<byte[]> restoredRecords = restored.readTopic(restored.findingsTopic);
        Map<String, Integer> copies = new HashMap<>();
        for (byte[] value : restoredRecords) {
            Finding f = codec.decode(value);
            assertThat(expected).as("restored run published a finding the reference has").containsKey(f.getFindingId());
            assertThat(stable(f)).as("every copy of %s is the reference's finding", f.getFindingId())
                    .isEqualTo(stable(codec.decode(expected.get(f.getFindingId()))));
            copies.merge(f.getFindingId(), 1, Integer::sum);
        }
        List<String> lost = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            if (!copies.containsKey(e.getKey())) {
                Finding f = codec.decode(e.getValue());
                lost.add(f.getType() + " " + f.getOrderId() + " at " + Instant.ofEpochMilli(f.getDetectedAt()));
            }
        }
        assertThat(lost).as("findings the restored run never published (of %d; %d records)", expected.size(),
                restoredRecords.size()).isEmpty();
        long repeated = copies.values().stream().filter(c -> c > 1).count();
        System.out.printf("FpiJobRestoreTest: findings topic %d records for %d findings (%d repeated after the restore)%n",
                restoredRecords.size(), copies.size(), repeated);
        assertThat(repeated).as("the replay after the restore re-published some findings").isPositive();

        // dead letters: at-least-once as well; every malformed record is there, some twice
        int malformed = deadLetters(0, records.size());
        assertThat(reference.distinctDeadLetters()).isEqualTo(malformed);
        assertThat(restored.distinctDeadLetters()).isEqualTo(malformed);
    }

    /** A finding without the fields listed in {@link #PROGRESS_DEPENDENT_FINDING_COLUMNS}. */
    private static Finding stable(Finding f) {
        Finding.Builder b = Finding.newBuilder(f).setStage(null).setLastActivity(null).setSourceSystem(null)
                .setTraceSummary(null).setMessage("");
        if ("blocked".equals(String.valueOf(f.getEvidence().get("reason")))) {
            b.setDetectedAt(0).setIdleMs(null);
        }
        return b.build();
    }

    /** Hour and day rollups equal the sums of the minute rows they cover (computed here, not by SQL). */
    private static void assertRollupsAddUp(Run run) {
        List<JsonNode> minutes = run.rows("SELECT minute_ms, orders_placed, orders_completed, cycle_count, cycle_sum_ms,"
                + " sla_due, sla_met, exceptions_raised, cost_minor FROM kpi_minute FINAL");
        String[] measures = {"orders_placed", "orders_completed", "cycle_count", "cycle_sum_ms", "sla_due", "sla_met",
            "exceptions_raised", "cost_minor"};
        for (long bucket : new long[] {3_600_000L, 86_400_000L}) {
            Map<Long, Map<String, Long>> folded = new TreeMap<>();
            for (JsonNode m : minutes) {
                long b = Math.floorDiv(m.get("minute_ms").asLong(), bucket) * bucket;
                Map<String, Long> sums = folded.computeIfAbsent(b, k -> new LinkedHashMap<>());
                for (String measure : measures) {
                    sums.merge(measure, m.get(measure).asLong(), Long::sum);
                }
            }
            Map<Long, Map<String, Long>> rolledUp = new TreeMap<>();
            for (JsonNode r : run.rows(String.format(ROLLUP_TOTALS, bucket))) {
                Map<String, Long> sums = new LinkedHashMap<>();
                for (String measure : measures) {
                    sums.put(measure, r.get(measure).asLong());
                }
                rolledUp.put(r.get("bucket").asLong(), sums);
            }
            assertThat(rolledUp).as("rollup per %d ms", bucket).isEqualTo(folded);
        }
    }

    /** The rollup the query API computes: sums of minute rows under FINAL, histograms merged with sumMap. */
    private static final String ROLLUP = """
            SELECT dataset, intDiv(minute_ms, %1$d) * %1$d AS bucket, channel, fulfillment_type, region, node_id,
                   sum(orders_placed) AS placed, sum(orders_completed) AS completed, sum(orders_cancelled) AS cancelled,
                   sum(orders_returned) AS returned, sum(units_ordered) AS units_ordered, sum(units_fulfilled) AS units_fulfilled,
                   sum(cycle_count) AS cycles, sum(cycle_sum_ms) AS cycle_sum, sumMap(cycle_buckets, cycle_counts) AS cycle_hist,
                   sum(sla_due) AS due, sum(sla_met) AS met, sum(exceptions_raised) AS raised,
                   sum(exceptions_resolved) AS resolved, sum(resolution_sum_ms) AS resolution_sum,
                   sumMap(resolution_buckets, resolution_counts) AS resolution_hist, sum(refunds) AS refunds,
                   sum(refund_sum_ms) AS refund_sum, sumMap(refund_buckets, refund_counts) AS refund_hist,
                   sum(inventory_syncs) AS syncs, sum(inventory_sync_mismatches) AS mismatches,
                   sum(cost_orders) AS cost_orders,
                   sum(cost_minor) AS cost
            FROM kpi_minute FINAL
            GROUP BY dataset, bucket, channel, fulfillment_type, region, node_id
            ORDER BY dataset, bucket, channel, fulfillment_type, region, node_id""";

    /** Integration failures per system (18.16's sumMap takes numeric keys only). */
    private static final String INTEGRATION_ROLLUP = """
            SELECT dataset, intDiv(minute_ms, %1$d) * %1$d AS bucket, channel, fulfillment_type, region, node_id,
                   system, sum(failed) AS failures
            FROM kpi_minute FINAL ARRAY JOIN integration_systems AS system, integration_failures AS failed
            GROUP BY dataset, bucket, channel, fulfillment_type, region, node_id, system
            ORDER BY dataset, bucket, channel, fulfillment_type, region, node_id, system""";

    private static final String ROLLUP_TOTALS = """
            SELECT intDiv(minute_ms, %1$d) * %1$d AS bucket, sum(orders_placed) AS orders_placed,
                   sum(orders_completed) AS orders_completed, sum(cycle_count) AS cycle_count, sum(cycle_sum_ms) AS cycle_sum_ms,
                   sum(sla_due) AS sla_due, sum(sla_met) AS sla_met, sum(exceptions_raised) AS exceptions_raised,
                   sum(cost_minor) AS cost_minor
            FROM kpi_minute FINAL
            GROUP BY bucket""";

    /** Process mining reads traces FINAL at query time: directly-follows edges, variants, start and end activities. */
    private static final String DFG = """
            SELECT activities[i] AS from_activity, activities[i + 1] AS to_activity, count() AS frequency,
                   sum(activity_times_ms[i + 1] - activity_times_ms[i]) AS total_ms
            FROM (SELECT activities, activity_times_ms, arrayJoin(arrayEnumerate(activities)) AS i FROM traces FINAL)
            WHERE i < length(activities)
            GROUP BY from_activity, to_activity
            ORDER BY from_activity, to_activity""";
    private static final String VARIANTS = """
            SELECT variant, count() AS cases, sum(cycle_time_ms) AS cycle_sum FROM traces FINAL
            GROUP BY variant ORDER BY variant""";
    private static final String START_END = """
            SELECT activities[1] AS start_activity, activities[length(activities)] AS end_activity, count() AS cases
            FROM traces FINAL GROUP BY start_activity, end_activity ORDER BY start_activity, end_activity""";

    // ---- one run of the job: its own ClickHouse database, consumer group and output topics ----

    private static final class Run {
        final String name;
        final String findingsTopic;
        final String dlqTopic;
        final Path checkpointDir;
        final ClickHouseClient clickhouse;

        Run(String name) throws Exception {
            this.name = name;
            this.findingsTopic = name + ".findings";
            this.dlqTopic = name + ".dlq";
            this.checkpointDir = Files.createDirectories(dir.resolve("checkpoints-" + name));
            this.clickhouse = new ClickHouseClient(new ClickHouseEndpoint(server.url(), name, null, null));
            Migrations.apply(clickhouse);
            kafka.createTopic(findingsTopic, 1);
            kafka.createTopic(dlqTopic, 1);
        }

        JobClient submit(Path restoreFrom) throws Exception {
            TraceJobConfig config = TraceJobConfig.parse(new String[] {
                "--kafka.bootstrap", kafka.bootstrapServers(), "--events.topic", EVENTS_TOPIC, "--dlq.topic", dlqTopic,
                "--consumer.group", "fpi-" + name, "--clickhouse.url", server.url(), "--clickhouse.database", name,
                "--checkpoint.interval", "1h",
                "--checkpoint.dir", checkpointDir.toUri().toString(), "--job.parallelism", Integer.toString(PARTITIONS)},
                Map.of());
            // no wall-clock advance of event time: the findings must depend on the input only; KPI minutes
            // take late changes for 30 days, i.e. for the whole run, see KPI_LATENESS
            Env env = new Env(Map.of(FpiJob.FINDINGS_TOPIC, findingsTopic, MonitorConfig.IDLE_ADVANCE_AFTER, "off",
                    KpiSettings.ALLOWED_LATENESS, KPI_LATENESS));
            Configuration conf = new Configuration();
            if (restoreFrom != null) {
                conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toString());
            }
            StreamExecutionEnvironment flink = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            FpiJob.build(flink, config, env);
            return flink.executeAsync("fpi-" + name);
        }

        /** Submits, reads the whole topic, then stops with a drained savepoint: end of event time, every sink flushed. */
        void runToEnd(Path restoreFrom) throws Exception {
            JobClient job = submit(restoreFrom);
            awaitEvents(distinctEvents(0, records.size()));
            awaitTrue(name + ": every malformed record dead-lettered", () -> distinctDeadLetters() >= deadLetters(0, records.size()));
            job.stopWithSavepoint(true, dir.resolve("savepoints-" + name).toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            job.getJobExecutionResult().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }

        void awaitEvents(int distinct) throws InterruptedException {
            awaitTrue(name + ": " + distinct + " events in ClickHouse",
                    () -> count("SELECT count() AS n FROM events FINAL") >= distinct);
        }

        long count(String sql) {
            return clickhouse.queryOne(sql).get("n").asLong();
        }

        List<JsonNode> rows(String sql) {
            return clickhouse.query(sql);
        }

        long topicSize(String topic) {
            try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
                TopicPartition tp = new TopicPartition(topic, 0);
                return consumer.endOffsets(List.of(tp)).get(tp);
            }
        }

        List<byte[]> readTopic(String topic) {
            List<byte[]> out = new ArrayList<>();
            readRecords(topic, r -> out.add(r.value()));
            return out;
        }

        /** Dead letters by their source position: each malformed record counted once however often it was published. */
        long distinctDeadLetters() {
            Set<String> positions = new HashSet<>();
            readRecords(dlqTopic, r -> positions.add(header(r, DeadLetterRecordSerializer.PARTITION_HEADER) + "@"
                    + header(r, DeadLetterRecordSerializer.OFFSET_HEADER)));
            return positions.size();
        }

        private void readRecords(String topic, java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> action) {
            try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
                TopicPartition tp = new TopicPartition(topic, 0);
                consumer.assign(List.of(tp));
                consumer.seekToBeginning(List.of(tp));
                long end = consumer.endOffsets(List.of(tp)).get(tp);
                while (consumer.position(tp) < end) {
                    consumer.poll(Duration.ofMillis(200)).forEach(action);
                }
            }
        }
    }

    // ---- input ----

    /** The simulator's carrier outage, unpaced, seeded: Kafka records as the simulator publishes them. */
    private static List<byte[][]> simulate() {
        SimulatorConfig config = SimulatorConfig.builder().seed(SEED).paced(false).maxOrders(ORDERS).simStartMs(SIM_START)
                .scenario(ScenarioSpec.of(ScenarioName.parse("carrier-outage"))).build();
        List<byte[][]> out = new ArrayList<>();
        try (RecordStream stream = Simulator.stream(config, new GroundTruthCollector())) {
            while (stream.hasNext()) {
                SimRecord r = stream.next();
                out.add(new byte[][] {r.key(), r.value()});
            }
            stream.finish();
        }
        return out;
    }

    private static void publish(List<byte[][]> batch) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            // keyed by order: one order's records stay in one partition, in order, as the simulator publishes them
            batch.forEach(r -> producer.send(new ProducerRecord<>(EVENTS_TOPIC, r[0], r[1])));
        }
    }

    /** Distinct valid events among records [from, to): what table events holds once they are read. */
    private static int distinctEvents(int from, int to) {
        EventDecoder decoder = new EventDecoder();
        Set<String> ids = new HashSet<>();
        for (byte[][] r : records.subList(from, to)) {
            Envelope e = decoder.decode(r[0], r[1], EVENTS_TOPIC, 0, 0);
            if (e.event != null) {
                ids.add(e.event.getDataset() + "/" + e.event.getOrderId() + "/" + e.event.getEventId());
            }
        }
        return ids.size();
    }

    private static int deadLetters(int from, int to) {
        EventDecoder decoder = new EventDecoder();
        int n = 0;
        for (byte[][] r : records.subList(from, to)) {
            n += decoder.decode(r[0], r[1], EVENTS_TOPIC, 0, 0).event == null ? 1 : 0;
        }
        return n;
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static final long STARTED = System.nanoTime();

    private static void log(String what) {
        System.out.printf("FpiJobRestoreTest: %6.1f s %s%n", (System.nanoTime() - STARTED) / 1e9, what);
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + TIMEOUT + ": " + what);
            }
            Thread.sleep(200);
        }
    }
}
