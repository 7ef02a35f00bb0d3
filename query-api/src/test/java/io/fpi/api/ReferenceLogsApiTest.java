package io.fpi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.importer.EventLogImporter;
import io.fpi.importer.ImportOptions;
import io.fpi.importer.mining.Dfg;
import io.fpi.importer.mining.Pm4pyDfgFile;
import io.fpi.jobs.common.Hashes;
import io.fpi.jobs.common.JsonRowWriter;
import io.fpi.jobs.traces.functions.TraceRows;
import io.fpi.jobs.traces.records.TraceRowEncoder;
import io.fpi.jobs.traces.records.TraceState;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.schemas.FulfillmentEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference logs of ../shared/data, imported and folded into trace rows exactly as the trace
 * builder folds them (TraceState.add, TraceRows.of, TraceRowEncoder), then mined through the API:
 * the figures of shared/data/README.md and pm4py's DFG of the running example, edge for edge.
 */
class ReferenceLogsApiTest extends ProcessTestBase {
    private static Path data;

    @BeforeAll
    static void load() {
        data = sharedData();
        ClickHouseClient client = startAppOver("reference_logs");
        assumeTrue(data != null, "assumption: ../shared/data is absent; skipping");
        insertTraces(client, data.resolve("running-example.xes"), "running-example");
        insertTraces(client, data.resolve("receipt.xes.gz"), "receipt");
    }

    private static Path sharedData() {
        Path root = Path.of("").toAbsolutePath();
        for (Path p = root; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml"))) {
                root = p;
            }
        }
        Path dir = root.resolveSibling("shared").resolve("data");
        return Files.isDirectory(dir) ? dir : null;
    }

    /** One final trace row per case, each in its own version, as traces FINAL would keep it. */
    private static void insertTraces(ClickHouseClient client, Path log, String dataset) {
        Map<String, TraceState> cases = new LinkedHashMap<>();
        EventLogImporter.importFile(log, null, ImportOptions.builder(dataset, 0L).build(), (FulfillmentEvent e) -> {
            TraceState s = cases.computeIfAbsent(e.getOrderId(), k -> new TraceState());
            long id = Hashes.eventId(e.getEventId());
            if (!s.contains(id)) { // the trace builder's de-duplication
                s.add(e, id);
            }
        });
        JsonRowWriter rows = new JsonRowWriter();
        TraceRowEncoder encoder = new TraceRowEncoder();
        cases.forEach((id, state) -> encoder.encode(TraceRows.of(dataset, id, state), rows));
        client.insertJsonEachRow(TraceRowEncoder.TABLE, rows.toByteArray());
    }

    private static JsonNode ok(String pathAndQuery) {
        Api.Response r = api.get(pathAndQuery);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void receipt_figures_are_exactly_the_reference_on_both_endpoints() {
        for (String endpoint : new String[] {"variants", "dfg"}) {
            JsonNode r = ok("/api/process/" + endpoint + "?dataset=receipt");

            assertThat(r.get("cases").asLong()).isEqualTo(1434);
            assertThat(r.get("events").asLong()).isEqualTo(8577);
            assertThat(r.get("activities").asLong()).isEqualTo(27);
            assertThat(r.get("variants").asLong()).isEqualTo(116);
            assertThat(r.get("dfg_edges").asLong()).isEqualTo(99);
            assertThat(r.get("top_variant_cases").asLong()).isEqualTo(713);
        }
        assertThat(ok("/api/process/variants?dataset=receipt&limit=1").get("top_variants").get(0).get("cases").asLong())
                .isEqualTo(713);
        assertThat(ok("/api/process/dfg?dataset=receipt").get("edges")).hasSize(99);
    }

    @Test
    void running_example_dfg_equals_pm4py_edge_for_edge_with_start_and_end_activities() throws Exception {
        Dfg expected = Pm4pyDfgFile.read(data.resolve("running-example.dfg"));
        JsonNode r = ok("/api/process/dfg?dataset=running-example");

        Map<Dfg.Edge, Long> edges = new HashMap<>();
        r.get("edges").forEach(e -> edges.put(new Dfg.Edge(e.get("from").asText(), e.get("to").asText()), e.get("frequency").asLong()));
        Map<String, Long> starts = new HashMap<>();
        r.get("start_activities").forEach(a -> starts.put(a.get("activity").asText(), a.get("cases").asLong()));
        Map<String, Long> ends = new HashMap<>();
        r.get("end_activities").forEach(a -> ends.put(a.get("activity").asText(), a.get("cases").asLong()));

        assertThat(edges).isEqualTo(expected.edges());
        assertThat(starts).isEqualTo(expected.startActivities());
        assertThat(ends).isEqualTo(expected.endActivities());
        assertThat(r.get("cases").asLong()).isEqualTo(6);
        assertThat(r.get("events").asLong()).isEqualTo(42);
        assertThat(r.get("activities").asLong()).isEqualTo(8);
        assertThat(r.get("variants").asLong()).isEqualTo(6);
        assertThat(r.get("dfg_edges").asLong()).isEqualTo(16);
        assertThat(r.get("top_variant_cases").asLong()).isEqualTo(1);
        r.get("edges").forEach(e -> assertThat(e.get("timed").asLong()).isEqualTo(e.get("frequency").asLong()));
    }
}
