package io.fpi.importer.csv;

import static io.fpi.importer.TestLogs.options;
import static io.fpi.importer.TestLogs.parse;
import static io.fpi.importer.TestLogs.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.fpi.importer.ImportException;
import io.fpi.importer.ImportOptions.OnInvalidEvent;
import io.fpi.importer.ImportReport;
import io.fpi.importer.LogFormat;
import io.fpi.importer.TestLogs.Parsed;
import io.fpi.schemas.FulfillmentEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvParserTest {

    @TempDir
    Path tmp;

    @Test
    void rows_become_events_with_quotes_commas_line_breaks_and_offsets_handled() {
        Parsed parsed = parse(resource("csv/orders.csv"), null, options().build());

        List<FulfillmentEvent> events = parsed.events();
        assertThat(events).extracting(FulfillmentEvent::getOrderId).containsExactly("o1", "o1", "o2", "o1");
        assertThat(events).extracting(FulfillmentEvent::getActivity).containsExactly("Place Order", "Pick", "Place Order", "Ship");
        assertThat(events).extracting(FulfillmentEvent::getEventTime).containsExactly(
                Instant.parse("2023-01-01T08:00:00Z").toEpochMilli(),
                Instant.parse("2023-01-01T09:30:00Z").toEpochMilli(),
                1672567200000L,
                Instant.parse("2023-01-01T10:00:00.250Z").toEpochMilli());
        assertThat(events).extracting(FulfillmentEvent::getSequence).containsExactly(0L, 1L, 2L, 3L);
        assertThat(events.get(0).getAttributes())
                .containsExactly(entry("resource", "Smith, J."), entry("note", "said \"hi\""));
        assertThat(events.get(1).getAttributes()).as("empty cells are omitted").containsOnlyKeys("resource");
        assertThat(events.get(2).getAttributes()).containsEntry("note", "multi\nline");
        assertThat(parsed.report().cases()).isEqualTo(2);
        assertThat(parsed.report().format()).isEqualTo(LogFormat.CSV);
    }

    @Test
    void a_bad_timestamp_fails_naming_the_line_after_a_multi_line_row() throws Exception {
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, Files.readString(resource("csv/orders.csv")) + "o3,Pay,31/01/2023,Ann,\n");

        assertThatThrownBy(() -> parse(csv, null, options().build()))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("bad.csv: line 7: column 'timestamp': '31/01/2023' is not a timestamp");
    }

    @Test
    void a_row_with_too_few_fields_fails_naming_its_line() {
        String csv = "case,activity,time\nc1,a,2023-01-01T00:00:00Z\nc1,b\n";

        assertThatThrownBy(() -> parse("short.csv", csv, null, options().build()))
                .hasMessage("short.csv: line 3: row has 2 fields but the header has 3");
    }

    @Test
    void an_unclosed_quote_fails_naming_the_line_where_it_opened() {
        String csv = "case,activity,time\nc1,a,2023-01-01T00:00:00Z\nc1,\"b,2023-01-01T00:00:00Z\nc2,x,y\n";

        assertThatThrownBy(() -> parse("quote.csv", csv, null, options().build()))
                .hasMessage("quote.csv: line 3: malformed CSV: a quoted field opened on this line is never closed");
    }

    @Test
    void columns_can_be_named_explicitly_and_the_delimiter_is_sniffed() {
        String csv = "order;step;at;who\nA1;picked;2023-01-01 10:00:00.5;Ann\n";

        Parsed parsed = parse("x.csv", csv, null, options().csvColumns("order", "step", "at").build());

        FulfillmentEvent e = parsed.events().get(0);
        assertThat(e.getOrderId()).isEqualTo("A1");
        assertThat(e.getActivity()).isEqualTo("picked");
        assertThat(e.getEventTime()).isEqualTo(Instant.parse("2023-01-01T10:00:00.500Z").toEpochMilli());
        assertThat(e.getAttributes()).containsExactly(entry("who", "Ann"));
    }

    @Test
    void pm4py_style_headers_are_found_without_flags_and_a_bom_is_ignored() {
        String csv = "\uFEFFcase:concept:name,concept:name,time:timestamp,org:resource\nc,a,2023-01-01T00:00:00+02:00,Pete\n";

        FulfillmentEvent e = parse("pm4py.csv", csv, null, options().build()).events().get(0);

        assertThat(e.getOrderId()).isEqualTo("c");
        assertThat(e.getEventTime()).isEqualTo(Instant.parse("2022-12-31T22:00:00Z").toEpochMilli());
        assertThat(e.getAttributes()).containsEntry("org:resource", "Pete");
    }

    @Test
    void a_missing_column_fails_listing_the_header() {
        String csv = "id,what,when\n1,a,2023-01-01T00:00:00Z\n";

        assertThatThrownBy(() -> parse("cols.csv", csv, null, options().build()))
                .hasMessage("cols.csv: line 1: no case column: name it with --csv-case (the columns are: id, what, when)");
        assertThatThrownBy(() -> parse("cols.csv", csv, null, options().csvColumns("id", "what", "time").build()))
                .hasMessage("cols.csv: line 1: no column 'time' (--csv-timestamp) in the header; the columns are: id, what, when");
    }

    @Test
    void under_reject_empty_and_bad_cells_are_counted_and_the_rest_imported() {
        String csv = "case,activity,time\nc1,a,2023-01-01T00:00:00Z\n,b,2023-01-01T00:00:00Z\nc1,,2023-01-01T00:00:00Z\n"
                + "c1,d,\nc1,e,soon\nc1,f,1672531200000\n";

        Parsed parsed = parse("gaps.csv", csv, null, options().onInvalidEvent(OnInvalidEvent.REJECT).build());

        assertThat(parsed.events()).extracting(FulfillmentEvent::getActivity).containsExactly("a", "f");
        assertThat(parsed.events().get(1).getSequence()).isEqualTo(5L);
        ImportReport report = parsed.report();
        assertThat(report.eventsRead()).isEqualTo(6);
        assertThat(report.rejectedByReason()).containsEntry(ImportReport.MISSING_CASE_ID, 1L)
                .containsEntry(ImportReport.MISSING_ACTIVITY, 1L).containsEntry(ImportReport.MISSING_TIMESTAMP, 1L)
                .containsEntry(ImportReport.BAD_TIMESTAMP, 1L);
        assertThat(report.firstRejection()).containsEntry(ImportReport.MISSING_CASE_ID, "line 3: column 'case' is empty");
    }

    @Test
    void parsing_again_yields_identical_event_ids() {
        assertThat(parse(resource("csv/orders.csv"), null, options().build()).events())
                .isEqualTo(parse(resource("csv/orders.csv"), null, options().build()).events());
    }
}
