package io.fpi.importer.xes;

import static io.fpi.importer.TestLogs.options;
import static io.fpi.importer.TestLogs.parse;
import static io.fpi.importer.TestLogs.sharedData;
import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.importer.ImportReport;
import io.fpi.importer.LogFormat;
import io.fpi.importer.TestLogs.Parsed;
import io.fpi.importer.mining.CaseLog;
import io.fpi.importer.mining.Dfg;
import io.fpi.importer.mining.LogStats;
import io.fpi.importer.mining.Pm4pyDfgFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The real logs in ../shared/data against the figures in its README and pm4py's DFG. */
class XesReferenceLogsTest {

    @Test
    void running_example_dfg_equals_the_pm4py_reference_edge_for_edge() throws Exception {
        Path xes = sharedData("running-example.xes");
        Dfg expected = Pm4pyDfgFile.read(sharedData("running-example.dfg"));

        Dfg actual = caseLog(xes, LogFormat.XES).dfg();

        assertThat(actual.edges()).isEqualTo(expected.edges());
        assertThat(actual.startActivities()).isEqualTo(expected.startActivities());
        assertThat(actual.endActivities()).isEqualTo(expected.endActivities());
        assertThat(expected.edges()).hasSize(16);
    }

    @Test
    void running_example_gives_the_readme_figures() {
        LogStats stats = caseLog(sharedData("running-example.xes"), LogFormat.XES).stats();

        assertThat(stats).isEqualTo(new LogStats(6, 42, 8, 6, 16, 1));
    }

    @Test
    void receipt_gz_gives_exactly_the_readme_figures() {
        LogStats stats = caseLog(sharedData("receipt.xes.gz"), null).stats();

        assertThat(stats).isEqualTo(new LogStats(1434, 8577, 27, 116, 99, 713));
    }

    @Test
    void receipt_report_counts_every_event_read_and_imported_with_none_rejected() {
        Parsed parsed = parse(sharedData("receipt.xes.gz"), null, options().build());

        ImportReport report = parsed.report();
        assertThat(report.format()).isEqualTo(LogFormat.XES);
        assertThat(report.eventsRead()).isEqualTo(8577);
        assertThat(report.eventsImported()).isEqualTo(8577);
        assertThat(report.rejected()).isZero();
        assertThat(report.cases()).isEqualTo(1434);
        assertThat(report.bytesRead()).isEqualTo(sharedData("receipt.xes.gz").toFile().length());
    }

    @Test
    void receipt_events_keep_lifecycle_resource_and_trace_attributes() {
        Parsed parsed = parse(sharedData("receipt.xes.gz"), null, options().build());

        var first = parsed.events().get(0);
        assertThat(first.getOrderId()).isEqualTo("case-10011");
        assertThat(first.getActivity()).isEqualTo("Confirmation of receipt");
        assertThat(first.getEventTime()).isEqualTo(java.time.Instant.parse("2011-10-11T11:45:40.276Z").toEpochMilli());
        assertThat(first.getAttributes())
                .containsEntry("lifecycle:transition", "complete")
                .containsEntry("org:resource", "Resource21")
                .containsEntry("org:group", "Group 1")
                .containsEntry("case:channel", "Internet")
                .doesNotContainKeys("concept:name", "time:timestamp", "case:concept:name");
        assertThat(first.getSourceSystem()).isEqualTo("IMPORT");
    }

    private static CaseLog caseLog(Path file, LogFormat format) {
        CaseLog log = new CaseLog();
        parse(file, format, options().build()).events().forEach(log::accept);
        return log;
    }
}
