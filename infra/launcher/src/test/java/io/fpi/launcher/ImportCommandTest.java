package io.fpi.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.importer.mining.Dfg;
import io.fpi.importer.mining.Pm4pyDfgFile;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.config.Env;
import io.fpi.runtime.local.LocalClickHouse;
import io.fpi.runtime.migrations.Migrations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/fpi import} and {@code bin/fpi stats} as the launcher runs them (Fpi.run with an
 * environment), against a real clickhouse-server, each import a bounded Flink job on a MiniCluster.
 * Expected figures come from shared/data/README.md, pm4py's running-example.dfg and the OCEL
 * fixture's hand-computed flattening (stream-jobs/importer/src/test/resources/ocel/README.md).
 */
class ImportCommandTest {
    @TempDir
    static Path dir;
    static LocalClickHouse server;
    static ClickHouseClient client;
    static Env env;

    @BeforeAll
    static void startClickHouse() {
        server = LocalClickHouse.start(dir.resolve("clickhouse"));
        client = server.client();
        Migrations.apply(client);
        env = new Env(Map.of("FPI_CLICKHOUSE_URL", server.url(), "FPI_DATA_DIR", dir.resolve("data").toString()));
    }

    @AfterAll
    static void stopClickHouse() {
        if (server != null) {
            server.close();
        }
    }

    /** One command's exit code and output. */
    record Run(int code, String out, String err) {}

    static Run fpi(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Fpi.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void receipt_imported_then_stats_prints_exactly_the_reference_figures() {
        Run imported = fpi("import", SharedData.file("receipt.xes.gz").toString(), "--dataset", "receipt");
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("events read     8,577", "imported        8,577", "rejected        0",
                "cases           1,434", "8,577 events in 1,434 traces: complete");

        Run stats = fpi("stats", "--dataset", "receipt");
        assertThat(stats.code()).as(stats.err()).isZero();
        assertThat(stats.out().strip()).isEqualTo("{\"dataset\":\"receipt\",\"cases\":1434,\"events\":8577,"
                + "\"activities\":27,\"variants\":116,\"dfg_edges\":99,\"top_variant_cases\":713}");
    }

    @Test
    void running_example_dfg_computed_in_clickhouse_equals_pm4pys_edge_for_edge() throws IOException {
        Run imported = fpi("import", SharedData.file("running-example.xes").toString(), "--dataset", "running-example");
        assertThat(imported.code()).as(imported.err()).isZero();

        Dfg expected = Pm4pyDfgFile.read(SharedData.file("running-example.dfg"));
        ProcessStats.Dfg actual = new ProcessStats(client).dfg("running-example");
        Map<Dfg.Edge, Long> edges = actual.edges().stream().collect(Collectors.toMap(e -> new Dfg.Edge(e.from(), e.to()),
                ProcessStats.Edge::count, (a, b) -> a, TreeMap::new));
        assertThat(edges).isEqualTo(expected.edges());
        assertThat(actual.startActivities()).isEqualTo(expected.startActivities());
        assertThat(actual.endActivities()).isEqualTo(expected.endActivities());
    }

    @Test
    void importing_the_same_file_twice_does_not_double_the_dataset() {
        String file = SharedData.file("running-example.xes").toString();
        assertThat(fpi("import", file, "--dataset", "twice").code()).isZero();
        Run again = fpi("import", file, "--dataset", "twice");

        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("again (same file", "42 events in 6 traces: complete");
        assertThat(new DatasetRows(client).counts("twice")).isEqualTo(new DatasetRows.Counts(42, 6, 42));
        assertThat(fpi("stats", "--dataset", "twice").out()).contains("\"cases\":6,\"events\":42");
    }

    @Test
    void a_different_file_into_an_existing_dataset_is_refused_unless_replace() throws IOException {
        Path first = write("first.csv", "case,activity,timestamp\na,Register,2024-01-01T00:00:00Z\na,Pay,2024-01-02T00:00:00Z\n");
        Path second = write("second.csv", "case,activity,timestamp\nb,Register,2024-02-01T00:00:00Z\n");
        assertThat(fpi("import", first.toString(), "--dataset", "mixed").code()).isZero();

        Run refused = fpi("import", second.toString(), "--dataset", "mixed");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("dataset 'mixed' already holds", "first.csv", "--replace");
        assertThat(traces("mixed")).isEqualTo(Map.of("a", List.of("Register", "Pay")));

        Run replaced = fpi("import", second.toString(), "--dataset", "mixed", "--replace");
        assertThat(replaced.code()).as(replaced.err()).isZero();
        assertThat(replaced.out()).contains("its previous rows were deleted first");
        assertThat(traces("mixed")).isEqualTo(Map.of("b", List.of("Register")));
    }

    @Test
    void a_malformed_file_exits_non_zero_naming_the_line_and_leaves_no_partial_dataset() throws IOException {
        StringBuilder csv = new StringBuilder("case,activity,timestamp\n");
        for (int i = 0; i < 5000; i++) { // many good events are parsed before the fault
            csv.append("c").append(i).append(",Register,2024-01-01T00:00:00Z\n");
        }
        csv.append("broken,\"Register,2024-01-01T00:00:00Z\n"); // unclosed quote on line 5002
        Run run = fpi("import", write("broken.csv", csv.toString()).toString(), "--dataset", "broken");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("broken.csv: line 5002");
        assertThat(run.out()).contains("FAILED", "Nothing was imported");
        assertThat(new DatasetRows(client).storedRows("broken")).isZero();
        assertThat(Files.exists(dir.resolve("data/imports/broken.json"))).isFalse();
    }

    @Test
    void ocel_import_flattens_on_the_case_object_type_given() throws Exception {
        String file = resource("ocel/order-management.jsonocel").toString();
        Run ambiguous = fpi("import", file, "--dataset", "ocel-orders");
        assertThat(ambiguous.code()).isEqualTo(1);
        assertThat(ambiguous.err()).contains("4 object types (order, item, package, customer)", "--case-object-type");

        Run run = fpi("import", file, "--dataset", "ocel-orders", "--case-object-type", "order");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("events read     12", "imported        10 (flattened on object type 'order')",
                "without a case  4 events");
        assertThat(traces("ocel-orders")).isEqualTo(Map.of(
                "o1", List.of("place order", "confirm order", "create package", "create package", "deliver", "pay order"),
                "o2", List.of("place order", "confirm order", "create package", "deliver")));
    }

    @Test
    void csv_import_reads_the_columns_named_and_counts_rejected_rows_by_reason() throws IOException {
        Path csv = write("named.csv", """
                ticket;step;at;agent
                t1;Open;2024-03-01 08:00:00;ann
                t1;Close;2024-03-01 09:30:00;bob
                t2;Open;not a time;ann
                t2;Open;2024-03-02 10:00:00;ann
                """);
        Run run = fpi("import", csv.toString(), "--dataset", "tickets", "--csv-case", "ticket", "--csv-activity", "step",
                "--csv-timestamp", "at");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("events read     4", "imported        3", "rejected        1", "BAD_TIMESTAMP",
                "line 4", "3 events in 2 traces: complete");
        assertThat(traces("tickets")).isEqualTo(Map.of("t1", List.of("Open", "Close"), "t2", List.of("Open")));
    }

    @Test
    void stats_of_an_unknown_dataset_exits_non_zero_naming_the_known_ones() {
        client.execute("INSERT INTO traces (dataset, order_id, version, activities) VALUES ('known', 'o1', 1, ['A'])");
        Run run = fpi("stats", "--dataset", "nope");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("unknown dataset 'nope'", "Known datasets: ", "known");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void bad_arguments_exit_2_with_the_usage() {
        assertThat(fpi("import", "x.xes").err()).contains("--dataset NAME is required", "usage: fpi import");
        assertThat(fpi("import", "x.xes", "--dataset", "a/b").err()).contains("dataset name 'a/b' is not allowed");
        assertThat(fpi("import", "x.xes", "--dataset", "d", "--format", "parquet").code()).isEqualTo(2);
        assertThat(fpi("stats").code()).isEqualTo(2);
        Run missing = fpi("import", dir.resolve("missing.xes").toString(), "--dataset", "d");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("missing.xes: no such file");
    }

    @Test
    void bench_import_prints_the_rate_and_peak_heap_lines() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ImportBenchmark.run(new String[] {"--events", "3000", "--warmup", "0"}, env,
                new PrintStream(out, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed).isZero();
        assertThat(printed).containsPattern("(?m)^import_events_per_s: \\d+ events/s$")
                .containsPattern("(?m)^import_peak_heap_mb: \\d+ MB$")
                .contains("\"cases\":" + new ProcessStats(client).summary(ImportBenchmark.DATASET).cases());
        assertThat(new DatasetRows(client).counts(ImportBenchmark.DATASET).events()).isEqualTo(3000);
    }

    static Map<String, List<String>> traces(String dataset) {
        Map<String, List<String>> traces = new TreeMap<>();
        client.query("SELECT order_id, activities FROM traces FINAL WHERE dataset = '" + dataset + "'").forEach(row -> {
            List<String> activities = new java.util.ArrayList<>();
            row.get("activities").forEach(a -> activities.add(a.asText()));
            traces.put(row.get("order_id").asText(), activities);
        });
        return traces;
    }

    static Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(ImportCommandTest.class.getResource("/" + name), name).toURI());
    }
}
