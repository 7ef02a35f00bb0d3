package io.fpi.detection.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.detection.findings.FindingRowEncoder;
import io.fpi.detection.findings.FindingTypeInfo;
import io.fpi.detection.findings.FindingTypes;
import io.fpi.detection.patterns.records.WindowCount;
import io.fpi.detection.patterns.records.WindowCountRowEncoder;
import io.fpi.jobs.common.ClickHouseSink;
import io.fpi.jobs.common.JsonRowWriter;
import io.fpi.jobs.common.RowEncoder;
import io.fpi.jobs.traces.TraceJob;
import io.fpi.jobs.traces.TraceJobConfig;
import io.fpi.jobs.traces.TraceOutputs;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import io.fpi.runtime.local.LocalClickHouse;
import io.fpi.runtime.migrations.Migrations;
import io.fpi.schemas.Finding;
import io.fpi.schemas.FulfillmentEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Table exception_windows and the pattern findings against a real clickhouse-server: every column
 * round-trips, replayed rows collapse under FINAL, and a job that fails and restores from its last
 * checkpoint leaves the same rows as a run without failure.
 */
class PatternClickHouseTest extends PatternsTestBase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final AtomicLong EMITTED_ROWS = new AtomicLong();

    @TempDir
    static Path dir;
    static LocalClickHouse server;
    static ClickHouseClient client;

    @BeforeAll
    static void startClickHouse() {
        server = LocalClickHouse.start(dir.resolve("clickhouse"));
        client = server.client();
        Migrations.apply(client);
    }

    @AfterAll
    static void stopClickHouse() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void window_rows_and_findings_round_trip_every_column_and_a_replay_collapses_under_final() throws Exception {
        List<FulfillmentEvent> events = new ArrayList<>();
        int[] counts = {2, 2, 3, 2, 2, 2, 2, 2, 2, 25, 30, 4, 0, 0, 0, 0, 0};
        for (int i = 0; i < counts.length; i++) {
            events.addAll(backorders(i, counts[i]));
            events.addAll(carrierFailures(i, counts[i] / 2, "PARCELPRO"));
        }
        List<WindowCount> rows;
        List<Finding> findings;
        try (PatternPipelineHarness p = PatternPipelineHarness.run(PatternConfig.builder()
                .recurringScopes(PatternScope.NODE, PatternScope.ALL).build(), events)) {
            rows = p.windows();
            findings = p.findings();
        }
        assertThat(findings).extracting(Finding::getType).contains(FindingTypes.EXCEPTION_SPIKE,
                FindingTypes.RECURRING_EXCEPTION, FindingTypes.RESOLVED);

        insert(WindowCountRowEncoder.TABLE, new WindowCountRowEncoder(), rows);
        insert(FindingRowEncoder.TABLE, new FindingRowEncoder(), findings);

        WindowCount spike = rows.stream().filter(w -> w.spike && w.scope.equals("all") && w.errorCode.equals("CARRIER_API_5XX"))
                .findFirst().orElseThrow();
        JsonNode row = client.queryOne("SELECT *, baseline_mean, baseline_sigma, threshold FROM exception_windows FINAL"
                + " WHERE dataset = 'acme' AND scope = 'all' AND pattern_key = '" + spike.patternKey + "'"
                + " AND window_start_ms = " + spike.windowStartMs);
        assertThat(row.get("activity").asText()).isEqualTo("INTEGRATION_CALL_FAILED");
        assertThat(row.get("error_code").asText()).isEqualTo("CARRIER_API_5XX");
        assertThat(row.get("source_system").asText()).isEqualTo("CARRIER");
        assertThat(row.get("node_id").asText()).isEmpty();
        assertThat(row.get("region").asText()).isEmpty();
        assertThat(row.get("channel").asText()).isEmpty();
        assertThat(texts(row.get("attr_keys"))).containsExactly("carrier");
        assertThat(texts(row.get("attr_values"))).containsExactly("PARCELPRO");
        assertThat(row.get("window_ms").asLong()).isEqualTo(WINDOW);
        assertThat(row.get("window_date").asText()).isEqualTo("2026-03-02");
        assertThat(row.get("event_count").asLong()).isEqualTo(spike.eventCount);
        assertThat(row.get("baseline_mean").asDouble()).isEqualTo(Math.round(spike.baselineMean * 1000) / 1000.0);
        assertThat(row.get("baseline_sigma").asDouble()).isEqualTo(Math.round(spike.baselineSigma * 1000) / 1000.0);
        assertThat(row.get("threshold").asDouble()).isEqualTo(Math.round(spike.threshold * 1000) / 1000.0);
        assertThat(row.get("active_windows").asInt()).isEqualTo(spike.activeWindows);
        assertThat(row.get("spike").asInt()).isEqualTo(1);
        assertThat(row.get("spike_finding_id").asText()).isEqualTo(spike.spikeFindingId).startsWith("exception_spike-");
        assertThat(row.get("recurring_finding_id").asText()).isEqualTo(spike.recurringFindingId);
        assertThat(texts(row.get("sample_orders"))).containsExactly(spike.sampleOrders);

        Finding f = findings.stream().filter(x -> x.getFindingId().equals(spike.spikeFindingId)).findFirst().orElseThrow();
        JsonNode stored = client.queryOne("SELECT * FROM findings FINAL WHERE finding_id = '" + f.getFindingId() + "'");
        assertThat(stored.get("type").asText()).isEqualTo(FindingTypes.EXCEPTION_SPIKE);
        assertThat(stored.get("order_id").asText()).isEmpty();
        assertThat(stored.get("detected_at_ms").asLong()).isEqualTo(f.getDetectedAt());
        assertThat(stored.get("severity").asText()).isEqualTo(f.getSeverity());
        assertThat(stored.get("error_code").asText()).isEqualTo("CARRIER_API_5XX");
        assertThat(stored.get("source_system").asText()).isEqualTo("CARRIER");
        assertThat(stored.get("message").asText()).isEqualTo(f.getMessage());
        List<String> keys = texts(stored.get("evidence_keys"));
        List<String> values = texts(stored.get("evidence_values"));
        assertThat(keys).hasSameSizeAs(f.getEvidence().keySet()).isSorted();
        for (int i = 0; i < keys.size(); i++) {
            assertThat(values.get(i)).as(keys.get(i)).isEqualTo(f.getEvidence().get(keys.get(i)));
        }

        // the queries PATTERNS.md offers the API run on this server version too
        List<JsonNode> trends = client.query("SELECT scope, pattern_key, error_code, attr_keys, attr_values,"
                + " arraySort(groupArray((window_start_ms, event_count))) AS trend, sum(event_count) AS events,"
                + " max(spike) AS spiking FROM exception_windows FINAL"
                + " WHERE dataset = 'acme' AND scope = 'all' AND window_start_ms >= " + T0
                + " GROUP BY scope, pattern_key, error_code, attr_keys, attr_values ORDER BY events DESC, pattern_key");
        assertThat(trends).hasSize(2);
        assertThat(trends.get(0).get("error_code").asText()).isEqualTo("BACKORDER");
        assertThat(trends.get(1).get("spiking").asInt()).isEqualTo(1);
        assertThat(trends.get(1).get("trend").get(9).get(1).asLong()).isEqualTo(12); // (window 9, 12 failures)
        List<JsonNode> top = client.query("SELECT finding_id FROM findings FINAL WHERE dataset = 'acme'"
                + " AND type IN ('EXCEPTION_SPIKE', 'RECURRING_EXCEPTION')"
                + " ORDER BY severity = 'critical' DESC, severity = 'warning' DESC,"
                + " toInt64OrZero(evidence_values[indexOf(evidence_keys, 'score')]) DESC, detected_at_ms, finding_id");
        assertThat(top).extracting(r -> r.get("finding_id").asText()).containsExactlyElementsOf(findings.stream()
                .filter(x -> !x.getType().equals(FindingTypes.RESOLVED)).sorted(PatternRanking.TOP_FIRST)
                .map(Finding::getFindingId).toList());

        long windowRows = count("SELECT count() AS n FROM exception_windows FINAL WHERE dataset = 'acme'");
        long findingRows = count("SELECT count() AS n FROM findings FINAL WHERE dataset = 'acme'");
        assertThat(windowRows).isEqualTo(rows.size());
        assertThat(findingRows).isEqualTo(findings.size());

        insert(WindowCountRowEncoder.TABLE, new WindowCountRowEncoder(), rows); // a replay writes the same rows again
        insert(FindingRowEncoder.TABLE, new FindingRowEncoder(), findings);
        assertThat(count("SELECT count() AS n FROM exception_windows WHERE dataset = 'acme'")).isEqualTo(2L * rows.size());
        assertThat(count("SELECT count() AS n FROM exception_windows FINAL WHERE dataset = 'acme'")).isEqualTo(windowRows);
        assertThat(count("SELECT count() AS n FROM findings FINAL WHERE dataset = 'acme'")).isEqualTo(findingRows);
    }

    @Test
    void a_job_that_fails_and_restores_from_its_last_checkpoint_leaves_the_same_rows_as_a_run_without_failure() throws Exception {
        List<byte[][]> records = SimulatedTopic.records(simulation(1500, "PARCELPRO"));
        ClickHouseEndpoint clean = database("patterns_clean");
        ClickHouseEndpoint restored = database("patterns_restored");

        SimulatedTopic.FAILURE_ARMED.set(false);
        runToClickHouse(records, clean, -1);
        long cleanRows = EMITTED_ROWS.get();

        SimulatedTopic.FAILURE_ARMED.set(true);
        long failAt = (long) (records.size() / 2 * 0.6); // in the first reader's half of the generator indices
        runToClickHouse(records, restored, failAt);
        assertThat(SimulatedTopic.FAILURE_ARMED).as("the injected failure happened").isFalse();
        // the rate limiter lets a reader past 4000 records only after a completed checkpoint, so the
        // restart resumes from one: after the start, before the failure, replaying what came between
        assertThat(SimulatedTopic.RESUMED_AT.get()).as("restored from a checkpoint").isBetween(1L, failAt - 1);
        assertThat(EMITTED_ROWS.get()).isGreaterThanOrEqualTo(cleanRows);

        String windows = "SELECT dataset, scope, pattern_key, activity, error_code, source_system, node_id, region, channel,"
                + " attr_keys, attr_values, window_start_ms, window_ms, window_date, event_count, baseline_mean_milli,"
                + " baseline_sigma_milli, threshold_milli, active_windows, spike, spike_finding_id, recurring_finding_id,"
                + " sample_orders FROM exception_windows FINAL ORDER BY scope, pattern_key, window_start_ms";
        String findings = "SELECT * FROM findings FINAL ORDER BY type, finding_id";
        List<JsonNode> cleanWindows = new ClickHouseClient(clean).query(windows);
        List<JsonNode> cleanFindings = new ClickHouseClient(clean).query(findings);
        assertThat(cleanFindings).extracting(r -> r.get("type").asText()).contains(FindingTypes.EXCEPTION_SPIKE);
        assertThat(cleanWindows).hasSizeGreaterThan(100);

        assertThat(new ClickHouseClient(restored).query(windows)).isEqualTo(cleanWindows);
        assertThat(new ClickHouseClient(restored).query(findings)).isEqualTo(cleanFindings);
    }

    private static void runToClickHouse(List<byte[][]> records, ClickHouseEndpoint endpoint, long failAt) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(100, CheckpointingMode.EXACTLY_ONCE);
        Configuration restarts = new Configuration();
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        env.configure(restarts);

        EMITTED_ROWS.set(0);
        // with a failure: a few checkpoints before it (at most 4000 records per checkpoint)
        TraceOutputs traces = TraceJob.defineWorkflow(env, failAt < 0 ? SimulatedTopic.source(records)
                : SimulatedTopic.failingOnce(records, failAt, 4000), TraceJobConfig.defaults());
        PatternOutputs out = ExceptionPatterns.attach(traces.events(), PatternConfig.defaults());
        ClickHouseSink.Settings settings = ClickHouseSink.Settings.defaults().withBatching(1000, Duration.ofMillis(50));
        DataStream<Finding> findings = out.findings().map(f -> {
            EMITTED_ROWS.incrementAndGet();
            return f;
        }, FindingTypeInfo.INSTANCE);
        findings.sinkTo(new ClickHouseSink<>(endpoint, FindingRowEncoder.TABLE, new FindingRowEncoder(), settings))
                .name("clickhouse-findings");
        ExceptionPatterns.writeWindows(out.windows().map(w -> {
            EMITTED_ROWS.incrementAndGet();
            return w;
        }, TypeInformation.of(WindowCount.class)), endpoint, settings);
        env.execute("exception-patterns-recovery-test");
    }

    private static ClickHouseEndpoint database(String name) {
        ClickHouseEndpoint e = server.endpoint();
        ClickHouseEndpoint endpoint = new ClickHouseEndpoint(e.url(), name, e.user(), e.password());
        Migrations.apply(new ClickHouseClient(endpoint));
        return endpoint;
    }

    private static <T> void insert(String table, RowEncoder<T> encoder, List<T> values) {
        JsonRowWriter out = new JsonRowWriter();
        values.forEach(v -> encoder.encode(v, out));
        client.insertJsonEachRow(table, out.toByteArray());
    }

    private static long count(String sql) {
        return client.queryOne(sql).get("n").asLong();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
