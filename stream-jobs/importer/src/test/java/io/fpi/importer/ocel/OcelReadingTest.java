package io.fpi.importer.ocel;

import static io.fpi.importer.TestLogs.options;
import static io.fpi.importer.TestLogs.parse;
import static io.fpi.importer.TestLogs.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fpi.importer.ImportException;
import io.fpi.importer.ImportOptions.OnInvalidEvent;
import io.fpi.importer.ImportProgress;
import io.fpi.importer.ImportReport;
import io.fpi.importer.LogFormat;
import io.fpi.importer.TestLogs.Parsed;
import io.fpi.schemas.FulfillmentEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Section order, single-type logs and broken input, for both OCEL 2.0 encodings. */
class OcelReadingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void a_json_log_with_objects_before_events_is_read_in_one_pass_with_the_same_result() throws Exception {
        Path specOrder = resource("ocel/order-management.jsonocel");
        ObjectNode doc = (ObjectNode) JSON.readTree(specOrder.toFile());
        ObjectNode objectsFirst = JSON.createObjectNode();
        for (String section : List.of("objectTypes", "objects", "eventTypes", "events")) {
            objectsFirst.set(section, doc.get(section));
        }
        Path reordered = tmp.resolve("objects-first.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(reordered.toFile(), objectsFirst);
        List<ImportProgress> onePass = new ArrayList<>();
        List<ImportProgress> twoPasses = new ArrayList<>();

        Parsed single = parse(reordered, null, options().caseObjectType("order").progress(onePass::add, 1000).build());
        Parsed twice = parse(specOrder, null, options().caseObjectType("order").progress(twoPasses::add, 1000).build());

        assertThat(single.report().format()).isEqualTo(LogFormat.OCEL2_JSON);
        assertThat(single.events()).hasSize(10).isEqualTo(twice.events());
        assertThat(onePass).extracting(ImportProgress::phase).containsOnly("events");
        assertThat(twoPasses).extracting(ImportProgress::phase).containsSubsequence("objects", "events");
    }

    @Test
    void a_log_with_one_object_type_needs_no_case_object_type() {
        String xml = """
                <log>
                  <event-types><event-type name="create-order"><attributes>
                    <attribute name="total-items" type="integer"/></attributes></event-type></event-types>
                  <object-types><object-type name="order"><attributes>
                    <attribute name="item" type="integer"/></attributes></object-type></object-types>
                  <events>
                    <event id="e1" type="create-order" time="2023-10-16T15:30:00Z">
                      <attributes><attribute name="total-items">1</attribute></attributes>
                      <objects><relationship object-id="o1" relationship="order"/></objects>
                    </event>
                  </events>
                  <objects>
                    <object id="o1" type="order">
                      <attributes><attribute name="item" time="1970-01-01T00:00:00Z">1</attribute></attributes>
                    </object>
                  </objects>
                </log>
                """;

        Parsed parsed = parse("minimal.xml", xml, null, options().build());

        assertThat(parsed.report().format()).isEqualTo(LogFormat.OCEL2_XML);
        assertThat(parsed.report().caseObjectType()).isEqualTo("order");
        FulfillmentEvent e = parsed.events().get(0);
        assertThat(e.getOrderId()).isEqualTo("o1");
        assertThat(e.getActivity()).isEqualTo("create-order");
        assertThat(e.getAttributes()).containsEntry("total-items", "1").containsEntry(OcelKeys.QUALIFIERS, "[\"order\"]");
    }

    @Test
    void json_attribute_values_keep_their_json_text() {
        String json = """
                {"objectTypes":[{"name":"order","attributes":[]}],
                 "objects":[{"id":"o1","type":"order"}],
                 "events":[{"id":"e1","type":"t","time":"2023-01-01T00:00:00Z",
                   "attributes":[{"name":"n","value":3},{"name":"b","value":true},{"name":"s","value":"x"},
                                 {"name":"nothing","value":null},{"name":"obj","value":{"a":[1,2]}}],
                   "relationships":[{"objectId":"o1","qualifier":"q"}]}]}
                """;

        FulfillmentEvent e = parse("values.json", json, null, options().build()).events().get(0);

        assertThat(e.getAttributes()).containsEntry("n", "3").containsEntry("b", "true").containsEntry("s", "x")
                .containsEntry("obj", "{\"a\":[1,2]}").doesNotContainKey("nothing");
    }

    @Test
    void an_event_relating_an_unknown_object_fails_naming_the_event_and_its_line() {
        String json = """
                {"objectTypes":[{"name":"order"}],
                 "objects":[{"id":"o1","type":"order"}],
                 "events":[
                   {"id":"e1","type":"t","time":"2023-01-01T00:00:00Z","relationships":[{"objectId":"o1"}]},
                   {"id":"e2","type":"t","time":"2023-01-01T00:00:00Z","relationships":[{"objectId":"ghost"}]}]}
                """;

        assertThatThrownBy(() -> parse("ghost.json", json, null, options().build()))
                .isInstanceOf(ImportException.class)
                .hasMessage("ghost.json: line 5: event 'e2' relates to object 'ghost', which is not among the log's objects");

        Parsed rejecting = parse("ghost.json", json, null, options().onInvalidEvent(OnInvalidEvent.REJECT).build());
        assertThat(rejecting.events()).hasSize(1);
        assertThat(rejecting.report().rejectedByReason()).containsEntry(ImportReport.UNKNOWN_OBJECT, 1L);
    }

    @Test
    void an_event_without_time_fails_naming_the_event() {
        String xml = """
                <log>
                  <object-types><object-type name="order"/></object-types>
                  <objects><object id="o1" type="order"/></objects>
                  <events>
                    <event id="e1" type="t">
                      <objects><relationship object-id="o1" qualifier="q"/></objects>
                    </event>
                  </events>
                </log>
                """;

        assertThatThrownBy(() -> parse("notime.xmlocel", xml, null, options().build()))
                .hasMessage("notime.xmlocel: line 5: event 'e1' has no time");
    }

    @Test
    void a_missing_case_object_type_fails_as_soon_as_the_object_types_are_read() {
        String json = "{\"objectTypes\":[{\"name\":\"order\"},{\"name\":\"item\"}],\n \"events\": [ this is not JSON";

        assertThatThrownBy(() -> parse("early.json", json, null, options().build()))
                .isInstanceOf(ImportException.class)
                .hasMessage("early.json: this OCEL log has 2 object types (order, item): choose the case notion with --case-object-type");
    }

    @Test
    void malformed_json_fails_with_line_and_column() {
        String json = "{\"objectTypes\":[{\"name\":\"order\"}],\n \"objects\":[{\"id\":\"o1\" \"type\":\"order\"}]}";

        assertThatThrownBy(() -> parse("broken.jsonocel", json, null, options().build()))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("broken.jsonocel: line 2, column ")
                .hasMessageContaining("malformed JSON");
    }

    @Test
    void malformed_xml_fails_naming_the_line_and_the_open_event() {
        String xml = """
                <log>
                  <object-types><object-type name="order"/></object-types>
                  <objects><object id="o1" type="order"/></objects>
                  <events>
                    <event id="e1" type="t" time="2023-01-01T00:00:00Z">
                      <objects><relationship object-id="o1" qualifier="q"></objects>
                    </event>
                  </events>
                </log>
                """;

        assertThatThrownBy(() -> parse("broken.xmlocel", xml, null, options().build()))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("broken.xmlocel: line 6")
                .hasMessageContaining("relationship")
                .hasMessageContaining("inside <event id='e1'> opened at line 5");
    }

    @Test
    void an_ocel_file_compressed_with_gzip_reads_the_same() throws Exception {
        Path gz = tmp.resolve("order-management.jsonocel.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(resource("ocel/order-management.jsonocel"), out);
        }

        assertThat(parse(gz, null, options().caseObjectType("order").build()).events())
                .isEqualTo(parse(resource("ocel/order-management.jsonocel"), null,
                        options().caseObjectType("order").build()).events());
    }
}
