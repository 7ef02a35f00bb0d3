package io.fpi.detection.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.importer.EventLogImporter;
import io.fpi.importer.ImportOptions;
import io.fpi.importer.mining.Dfg;
import io.fpi.importer.mining.LogStats;
import io.fpi.importer.mining.Pm4pyDfgFile;
import io.fpi.jobs.traces.functions.TraceBuilder;
import io.fpi.jobs.traces.functions.TraceKeySelector;
import io.fpi.jobs.traces.records.TraceRow;
import io.fpi.schemas.FulfillmentEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Imported logs through the real trace builder: the activity sequences of the final trace rows (what
 * the process endpoints mine, from traces FINAL) give pm4py's DFG and the README's figures, whatever
 * the arrival order of the events.
 */
class ImportedLogTracesTest {

    private static List<FulfillmentEvent> imported(Path file, String dataset) {
        List<FulfillmentEvent> events = new ArrayList<>();
        EventLogImporter.importFile(file, null, ImportOptions.builder(dataset, 0L).build(), events::add);
        return events;
    }

    /** The last trace row per order, as traces FINAL keeps it. */
    private static Collection<TraceRow> finalTraces(List<FulfillmentEvent> events) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new TraceBuilder(Duration.ofDays(1), Duration.ofDays(30))),
                new TraceKeySelector(), Types.STRING);
        h.open();
        for (FulfillmentEvent e : events) {
            h.processElement(e, e.getEventTime());
        }
        Map<String, TraceRow> last = new LinkedHashMap<>();
        for (TraceRow r : h.extractOutputValues()) {
            last.merge(r.orderId, r, (a, b) -> a.version >= b.version ? a : b);
        }
        h.close();
        return last.values();
    }

    private static List<List<String>> sequences(Collection<TraceRow> traces) {
        return traces.stream().map(t -> Arrays.asList(t.activities)).toList();
    }

    @Test
    void running_example_traces_give_the_pm4py_dfg_edge_for_edge_even_when_shuffled() throws Exception {
        Dfg expected = Pm4pyDfgFile.read(ReferenceLogs.file("running-example.dfg"));
        List<FulfillmentEvent> events = imported(ReferenceLogs.file("running-example.xes"), "running-example");
        Collections.shuffle(events, new Random(3));

        Collection<TraceRow> traces = finalTraces(events);
        Dfg actual = Dfg.of(sequences(traces));

        assertThat(actual.edges()).isEqualTo(expected.edges());
        assertThat(actual.startActivities()).isEqualTo(expected.startActivities());
        assertThat(actual.endActivities()).isEqualTo(expected.endActivities());
        assertThat(traces).allSatisfy(t -> assertThat(t.activityTimesMs).hasSameSizeAs(t.activities).isSorted());
    }

    @Test
    void receipt_traces_give_the_reference_figures() throws Exception {
        Collection<TraceRow> traces = finalTraces(imported(ReferenceLogs.file("receipt.xes.gz"), "receipt"));

        assertThat(LogStats.of(sequences(traces))).isEqualTo(new LogStats(1434, 8577, 27, 116, 99, 713));
        assertThat(traces.stream().mapToLong(t -> t.eventCount).sum()).isEqualTo(8577);
    }
}
