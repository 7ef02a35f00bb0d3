package io.fpi.importer.xes;

import static io.fpi.importer.TestLogs.options;
import static io.fpi.importer.TestLogs.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fpi.importer.ImportException;
import io.fpi.importer.ImportOptions.OnInvalidEvent;
import io.fpi.importer.ImportReport;
import io.fpi.importer.LogFormat;
import io.fpi.importer.TestLogs.Parsed;
import org.junit.jupiter.api.Test;

class XesMalformedTest {

    private static String log(String traces) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log>\n" + traces + "</log>\n";
    }

    private static String event(String activity, String time) {
        return "    <event>\n"
                + (activity == null ? "" : "      <string key=\"concept:name\" value=\"" + activity + "\"/>\n")
                + (time == null ? "" : "      <date key=\"time:timestamp\" value=\"" + time + "\"/>\n")
                + "    </event>\n";
    }

    private static final String OK_TRACE = "  <trace>\n    <string key=\"concept:name\" value=\"c1\"/>\n"
            + event("a", "2020-01-01T00:00:00Z") + "  </trace>\n"; // lines 3..9

    @Test
    void an_unclosed_tag_fails_naming_the_line_and_the_element() {
        String xml = log(OK_TRACE + "  <trace>\n    <string key=\"concept:name\" value=\"c2\">\n"
                + event("b", "2020-01-01T00:00:00Z") + "  </trace>\n");

        assertThatThrownBy(() -> parse("bad.xes", xml, LogFormat.XES, options().build()))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("bad.xes: line 16, column 5")
                .hasMessageContaining("malformed XML")
                .hasMessageContaining("\"string\"")
                .hasMessageContaining("inside <trace> opened at line 10)");
    }

    @Test
    void a_truncated_file_fails_naming_the_open_event() {
        String xml = log(OK_TRACE).substring(0, log(OK_TRACE).indexOf("</event>"));

        assertThatThrownBy(() -> parse("cut.xes", xml, LogFormat.XES, options().build()))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("malformed XML")
                .hasMessageContaining("inside <event> opened at line 5, in <trace> opened at line 3");
    }

    @Test
    void a_bad_timestamp_fails_naming_the_line_the_element_and_the_value() {
        String xml = log(OK_TRACE + "  <trace>\n    <string key=\"concept:name\" value=\"c2\"/>\n"
                + event("b", "30/12/2010 14:32") + "  </trace>\n");

        assertThatThrownBy(() -> parse("bad.xes", xml, LogFormat.XES, options().build()))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("bad.xes: line 12: <event> 'b' time:timestamp '30/12/2010 14:32' is not a timestamp");
    }

    @Test
    void a_trace_without_concept_name_fails_naming_the_trace_line() {
        String xml = log(OK_TRACE + "  <trace>\n    <string key=\"other\" value=\"x\"/>\n"
                + event("b", "2020-01-01T00:00:00Z") + "  </trace>\n");

        assertThatThrownBy(() -> parse("bad.xes", xml, LogFormat.XES, options().build()))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("bad.xes: line 10: <trace> has no concept:name (its case id); its event at line 12 is not imported");
    }

    @Test
    void an_event_without_activity_or_timestamp_fails_by_default() {
        String xml = log("  <trace>\n    <string key=\"concept:name\" value=\"c\"/>\n" + event("a", null) + "  </trace>\n");

        assertThatThrownBy(() -> parse("bad.xes", xml, LogFormat.XES, options().build()))
                .hasMessage("bad.xes: line 5: <event> 'a' has no time:timestamp");
    }

    @Test
    void under_reject_invalid_events_are_skipped_and_counted_by_reason() {
        String xml = log(OK_TRACE
                + "  <trace>\n    <string key=\"concept:name\" value=\"c2\"/>\n"
                + event(null, "2020-01-01T00:00:00Z") + event("b", null) + event("c", "yesterday")
                + event("d", "2020-01-01T00:00:00Z") + "  </trace>\n"
                + "  <trace>\n" + event("e", "2020-01-01T00:00:00Z") + "  </trace>\n");

        Parsed parsed = parse("mixed.xes", xml, LogFormat.XES, options().onInvalidEvent(OnInvalidEvent.REJECT).build());

        assertThat(parsed.events()).extracting(e -> e.getActivity()).containsExactly("a", "d");
        ImportReport report = parsed.report();
        assertThat(report.eventsRead()).isEqualTo(6);
        assertThat(report.eventsImported()).isEqualTo(2);
        assertThat(report.rejectedByReason()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                ImportReport.MISSING_ACTIVITY, 1L, ImportReport.MISSING_TIMESTAMP, 1L,
                ImportReport.BAD_TIMESTAMP, 1L, ImportReport.MISSING_CASE_ID, 1L));
        assertThat(report.firstRejection().get(ImportReport.BAD_TIMESTAMP)).startsWith("line 18: <event> 'c'");
        assertThat(report.summary()).contains("6 events read, 2 imported, 4 rejected");
        assertThat(parsed.events().get(1).getSequence()).as("positions count rejected events too").isEqualTo(4L);
    }

    @Test
    void a_non_xes_root_is_refused() {
        assertThatThrownBy(() -> parse("x.xes", "<html><body/></html>", LogFormat.XES, options().build()))
                .hasMessageContaining("root element is <html>, expected <log>");
    }
}
