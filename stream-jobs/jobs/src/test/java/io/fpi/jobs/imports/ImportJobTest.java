package io.fpi.jobs.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.importer.EventLogImporter;
import io.fpi.importer.ImportException;
import io.fpi.importer.ImportOptions;
import io.fpi.importer.LogFormat;
import io.fpi.importer.mining.CaseLog;
import io.fpi.jobs.common.ClickHouseSink;
import io.fpi.jobs.common.DeadLetterReason;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.SqlLiterals;
import io.fpi.runtime.local.LocalClickHouse;
import io.fpi.runtime.migrations.Migrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The import job on a MiniCluster at parallelism 2 (batch mode) into a real clickhouse-server:
 * what lands in {@code events} and {@code traces}, historical times, malformed files, refusals.
 */
class ImportJobTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final long INGEST = 1_700_000_000_000L;

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
    void running_example_lands_in_events_and_traces_exactly_as_the_parser_orders_it() throws Exception {
        Path file = SharedData.file("running-example.xes");
        RecordingObserver observer = run(spec(file, LogFormat.XES, "running"));

        CaseLog expected = new CaseLog();
        EventLogImporter.importFile(file, LogFormat.XES, ImportOptions.builder("running", INGEST).build(), expected);
        assertThat(tracesOf("running")).isEqualTo(new TreeMap<>(expected.traces()));
        assertThat(count("SELECT count() AS n FROM events FINAL WHERE dataset = 'running'")).isEqualTo(42);
        assertThat(observer.report.get().eventsImported()).isEqualTo(42);
        assertThat(observer.tracedCases.get()).isEqualTo(6);
        assertThat(observer.tracedEvents.get()).isEqualTo(42);
        assertThat(observer.deadLetters).isEmpty();
        assertThat(observer.progress).isNotEmpty();
    }

    @Test
    void events_decades_apart_in_any_file_order_are_all_traced_and_none_is_too_late() throws Exception {
        // a live job would have its watermark in 2024 after the first rows and drop 1999 as TOO_LATE
        Path csv = write("decades.csv", """
                case,activity,timestamp
                c1,Register,2024-05-01T10:00:00Z
                c2,Register,1999-01-01T08:00:00Z
                c1,Approve,2024-05-02T10:00:00Z
                c3,Register,2010-06-01T00:00:00Z
                c2,Approve,1999-01-03T08:00:00Z
                c3,Approve,2010-06-01T00:00:00Z
                c2,Pay,1999-01-02T08:00:00Z
                """);
        RecordingObserver observer = run(spec(csv, LogFormat.CSV, "decades"));

        assertThat(tracesOf("decades")).isEqualTo(Map.of(
                "c1", List.of("Register", "Approve"),
                "c2", List.of("Register", "Pay", "Approve"),
                "c3", List.of("Register", "Approve"))); // equal times keep file order
        assertThat(observer.deadLetters).isEmpty();
        JsonNode c2 = client.queryOne("SELECT placed_at_ms, last_event_ms, version FROM traces FINAL "
                + "WHERE dataset = 'decades' AND order_id = 'c2'");
        assertThat(c2.get("placed_at_ms").asLong()).isEqualTo(915_177_600_000L);
        assertThat(c2.get("version").asLong()).isEqualTo(3);
    }

    @Test
    void a_malformed_file_fails_the_job_naming_the_line_and_writes_nothing() throws Exception {
        StringBuilder xes = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log xes.version=\"1.0\">\n");
        for (int i = 0; i < 3000; i++) { // several chunks of good events before the fault
            xes.append("<trace><string key=\"concept:name\" value=\"case-").append(i).append("\"/>\n")
                    .append("<event><string key=\"concept:name\" value=\"A\"/><date key=\"time:timestamp\" value=\"2020-01-01T00:00:00Z\"/></event>\n")
                    .append("</trace>\n");
        }
        xes.append("<trace><string key=\"concept:name\" value=\"broken\"/>\n<event><string key=\"concept:name\" value=\"A\">\n</trace>\n</log>\n");
        Path file = write("broken.xes", xes.toString());
        RecordingObserver observer = new RecordingObserver();

        assertThatThrownBy(() -> run(spec(file, LogFormat.XES, "broken"), observer)).isInstanceOf(Exception.class);
        assertThat(observer.failure.get()).isInstanceOf(ImportException.class)
                .hasMessageContaining("broken.xes: line 9005");
        assertThat(count("SELECT count() AS n FROM events WHERE dataset = 'broken'")).isZero();
        assertThat(count("SELECT count() AS n FROM traces WHERE dataset = 'broken'")).isZero();
    }

    @Test
    void events_outside_1970_to_2200_are_refused_with_the_live_decoders_reason() throws Exception {
        Path csv = write("epoch.csv", """
                case,activity,timestamp
                c1,Register,1969-12-31T23:00:00Z
                c1,Approve,2020-01-01T00:00:00Z
                """);
        RecordingObserver observer = run(spec(csv, LogFormat.CSV, "epoch"));

        assertThat(observer.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.reason).isEqualTo(DeadLetterReason.BAD_TIMESTAMP);
            assertThat(d.detail).contains("case c1", "Register");
        });
        assertThat(tracesOf("epoch")).isEqualTo(Map.of("c1", List.of("Approve")));
    }

    static ImportSpec spec(Path file, LogFormat format, String dataset) {
        return new ImportSpec(file.toString(), format, dataset, INGEST, null, null, null, null, false, null);
    }

    static RecordingObserver run(ImportSpec spec) throws Exception {
        RecordingObserver observer = new RecordingObserver();
        run(spec, observer);
        return observer;
    }

    static void run(ImportSpec spec, RecordingObserver observer) throws Exception {
        String id = ImportObservers.register(observer);
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            ImportJob.build(env, spec.withObserver(id), server.endpoint(), ClickHouseSink.Settings.defaults());
            env.execute(ImportJob.JOB_NAME);
        } finally {
            ImportObservers.unregister(id);
        }
    }

    static Map<String, List<String>> tracesOf(String dataset) {
        Map<String, List<String>> traces = new TreeMap<>();
        for (JsonNode row : client.query("SELECT order_id, activities FROM traces FINAL WHERE dataset = "
                + SqlLiterals.string(dataset))) {
            List<String> activities = new ArrayList<>();
            row.get("activities").forEach(a -> activities.add(a.asText()));
            traces.put(row.get("order_id").asText(), activities);
        }
        return traces;
    }

    static long count(String sql) {
        return client.queryOne(sql).get("n").asLong();
    }

    static Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
