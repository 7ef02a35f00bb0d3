package io.fpi.importer.xes;

import static io.fpi.importer.TestLogs.options;
import static io.fpi.importer.TestLogs.parse;
import static io.fpi.importer.TestLogs.resource;
import static io.fpi.importer.TestLogs.sharedData;
import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.importer.EventFactory;
import io.fpi.importer.ImportProgress;
import io.fpi.importer.LogFormat;
import io.fpi.importer.TestLogs;
import io.fpi.importer.TestLogs.Parsed;
import io.fpi.schemas.FulfillmentEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XesParserTest {

    @TempDir
    Path tmp;

    @Test
    void a_traces_events_come_sorted_by_time_and_equal_times_keep_file_order() {
        Parsed parsed = parse(resource("xes/ties.xes"), LogFormat.XES, options().build());

        List<FulfillmentEvent> a = parsed.events().stream().filter(e -> e.getOrderId().equals("A")).toList();
        assertThat(a).extracting(FulfillmentEvent::getActivity).containsExactly("second", "first", "third", "fourth");
        assertThat(a).extracting(FulfillmentEvent::getSequence).containsExactly(1L, 0L, 2L, 3L);
        long ten = Instant.parse("2020-01-01T10:00:00Z").toEpochMilli();
        assertThat(a).extracting(FulfillmentEvent::getEventTime).containsExactly(ten - 3_600_000, ten, ten, ten);
    }

    @Test
    void events_carry_dataset_case_ingest_time_and_file_position() {
        Parsed parsed = parse(resource("xes/ties.xes"), LogFormat.XES, options().build());

        FulfillmentEvent typed = parsed.events().get(4);
        assertThat(typed.getDataset()).isEqualTo("test-log");
        assertThat(typed.getOrderId()).isEqualTo("B");
        assertThat(typed.getIngestTime()).isEqualTo(TestLogs.INGEST_TIME);
        assertThat(typed.getSequence()).isEqualTo(4L);
        assertThat(typed.getEventId()).isEqualTo(EventFactory.eventId("test-log", "B", 4));
        assertThat(typed.getEventTime()).as("no offset means UTC")
                .isEqualTo(Instant.parse("2020-01-02T08:00:00Z").toEpochMilli());
    }

    @Test
    void typed_nested_and_collection_attributes_are_kept_as_documented_strings() {
        FulfillmentEvent typed = parse(resource("xes/ties.xes"), LogFormat.XES, options().build()).events().get(4);

        assertThat(typed.getAttributes())
                .containsEntry("org:resource", "Pete")
                .containsEntry("units", "3")
                .containsEntry("weight", "2.5")
                .containsEntry("fragile", "true")
                .containsEntry("ref", "b1a2")
                .containsEntry("promised", "2020-01-03T00:00:00.000+01:00")
                .containsEntry("carrier", "DHL")
                .containsEntry("carrier/service", "express")
                .containsEntry("skus", "[{\"key\":\"sku\",\"value\":\"S1\"},{\"key\":\"sku\",\"value\":\"S2\"}]")
                .containsEntry("box", "[{\"key\":\"width\",\"value\":\"30\"}]");
        assertThat(typed.getSourceSystem()).as("a source_system attribute names the system").isEqualTo("WMS");
    }

    @Test
    void trace_attributes_are_copied_onto_its_events_with_a_case_prefix() {
        Parsed parsed = parse(resource("xes/ties.xes"), LogFormat.XES, options().build());

        FulfillmentEvent first = parsed.events().get(1);
        assertThat(first.getActivity()).isEqualTo("first");
        assertThat(first.getAttributes()).containsEntry("case:channel", "WEB")
                .containsEntry("lifecycle:transition", "complete")
                .doesNotContainKey("log-level");
        assertThat(first.getSourceSystem()).isEqualTo("IMPORT");
    }

    @Test
    void gzip_and_plain_files_give_identical_events() throws IOException {
        Path plain = sharedData("running-example.xes");
        Path gz = tmp.resolve("running-example.xes.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(plain, out);
        }

        List<FulfillmentEvent> fromPlain = parse(plain, null, options().build()).events();
        List<FulfillmentEvent> fromGz = parse(gz, null, options().build()).events();

        assertThat(fromGz).hasSize(42).isEqualTo(fromPlain);
    }

    @Test
    void gzip_is_recognised_by_content_whatever_the_file_is_called() throws IOException {
        Path disguised = tmp.resolve("log.xes");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(disguised))) {
            Files.copy(resource("xes/ties.xes"), out);
        }

        assertThat(parse(disguised, null, options().build()).events()).hasSize(5);
    }

    @Test
    void parsing_the_same_file_again_yields_identical_event_ids() {
        Path xes = sharedData("running-example.xes");

        List<String> first = parse(xes, LogFormat.XES, options().build()).events().stream().map(FulfillmentEvent::getEventId).toList();
        List<String> again = parse(xes, LogFormat.XES, options().build()).events().stream().map(FulfillmentEvent::getEventId).toList();

        assertThat(again).isEqualTo(first).doesNotHaveDuplicates().hasSize(42);
    }

    @Test
    void another_dataset_gets_other_event_ids() {
        Path xes = resource("xes/ties.xes");

        String id = parse(xes, LogFormat.XES, options().build()).events().get(0).getEventId();
        String other = parse(xes, LogFormat.XES, io.fpi.importer.ImportOptions.builder("other", 0).build())
                .events().get(0).getEventId();

        assertThat(other).isNotEqualTo(id);
    }

    @Test
    void progress_reports_events_and_bytes_and_ends_at_the_whole_file() {
        List<ImportProgress> samples = new ArrayList<>();
        Path xes = sharedData("running-example.xes");

        parse(xes, LogFormat.XES, options().progress(samples::add, 10).build());

        assertThat(samples).extracting(ImportProgress::eventsRead).contains(10L, 20L, 30L, 40L);
        ImportProgress last = samples.get(samples.size() - 1);
        assertThat(last.eventsRead()).isEqualTo(42);
        assertThat(last.bytesConsumed()).isEqualTo(last.totalBytes()).isEqualTo(xes.toFile().length());
        assertThat(last.fraction()).isEqualTo(1.0);
    }
}
