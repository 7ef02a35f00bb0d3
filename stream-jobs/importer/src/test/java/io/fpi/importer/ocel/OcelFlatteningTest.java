package io.fpi.importer.ocel;

import static io.fpi.importer.TestLogs.options;
import static io.fpi.importer.TestLogs.parse;
import static io.fpi.importer.TestLogs.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fpi.importer.ImportException;
import io.fpi.importer.ImportReport;
import io.fpi.importer.LogFormat;
import io.fpi.importer.TestLogs.Parsed;
import io.fpi.importer.mining.CaseLog;
import io.fpi.importer.mining.Dfg;
import io.fpi.importer.mining.Dfg.Edge;
import io.fpi.schemas.FulfillmentEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hand-written order-management fixtures (XML and JSON, same content) flattened on each
 * object type. Expectations computed by hand from the fixture: see the event table in
 * src/test/resources/ocel/README.md.
 */
class OcelFlatteningTest {

    enum Fixture {
        XML("ocel/order-management.xmlocel", LogFormat.OCEL2_XML),
        JSON("ocel/order-management.jsonocel", LogFormat.OCEL2_JSON);

        final Path path;
        final LogFormat format;

        Fixture(String resource, LogFormat format) {
            this.path = resource(resource);
            this.format = format;
        }

        Parsed flatten(String caseObjectType) {
            return parse(path, null, options().caseObjectType(caseObjectType).build());
        }
    }

    private static final String PLACE = "place order";
    private static final String CONFIRM = "confirm order";
    private static final String PICK = "pick item";
    private static final String PACKAGE = "create package";
    private static final String SEND = "send package";
    private static final String DELIVER = "deliver";
    private static final String PAY = "pay order";

    @ParameterizedTest
    @EnumSource(Fixture.class)
    void on_order_each_order_is_a_case_and_an_event_of_two_orders_is_in_both(Fixture f) {
        Parsed parsed = f.flatten("order");

        assertThat(parsed.report().format()).isEqualTo(f.format);
        assertThat(traces(parsed)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "o1", List.of(PLACE, CONFIRM, PACKAGE, PACKAGE, DELIVER, PAY),
                "o2", List.of(PLACE, CONFIRM, PACKAGE, DELIVER)));
        assertReport(parsed.report(), "order", 10, 4, 2);
        assertThat(dfg(parsed)).isEqualTo(new Dfg(
                Map.of(new Edge(PLACE, CONFIRM), 2L, new Edge(CONFIRM, PACKAGE), 2L, new Edge(PACKAGE, PACKAGE), 1L,
                        new Edge(PACKAGE, DELIVER), 2L, new Edge(DELIVER, PAY), 1L),
                Map.of(PLACE, 2L),
                Map.of(PAY, 1L, DELIVER, 1L)));
    }

    @ParameterizedTest
    @EnumSource(Fixture.class)
    void on_item_every_item_follows_place_pick_package(Fixture f) {
        Parsed parsed = f.flatten("item");

        assertThat(traces(parsed)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "i1", List.of(PLACE, PICK, PACKAGE),
                "i2", List.of(PLACE, PICK, PACKAGE),
                "i3", List.of(PLACE, PICK, PACKAGE)));
        assertReport(parsed.report(), "item", 9, 5, 3);
        assertThat(dfg(parsed)).isEqualTo(new Dfg(
                Map.of(new Edge(PLACE, PICK), 3L, new Edge(PICK, PACKAGE), 3L), Map.of(PLACE, 3L), Map.of(PACKAGE, 3L)));
    }

    @ParameterizedTest
    @EnumSource(Fixture.class)
    void on_package_a_shipment_of_two_packages_is_in_both(Fixture f) {
        Parsed parsed = f.flatten("package");

        assertThat(traces(parsed)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "p1", List.of(PACKAGE, SEND, DELIVER),
                "p2", List.of(PACKAGE, SEND)));
        assertReport(parsed.report(), "package", 5, 8, 2);
        assertThat(dfg(parsed)).isEqualTo(new Dfg(
                Map.of(new Edge(PACKAGE, SEND), 2L, new Edge(SEND, DELIVER), 1L),
                Map.of(PACKAGE, 2L), Map.of(DELIVER, 1L, SEND, 1L)));
    }

    @ParameterizedTest
    @EnumSource(Fixture.class)
    void on_customer_the_payer_qualifier_still_links_the_customer(Fixture f) {
        Parsed parsed = f.flatten("customer");

        assertThat(traces(parsed)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "c1", List.of(PLACE, PAY),
                "c2", List.of(PLACE)));
        assertReport(parsed.report(), "customer", 3, 9, 2);
    }

    @ParameterizedTest
    @EnumSource(Fixture.class)
    void the_flattened_copies_of_one_event_have_distinct_ids_and_keep_all_its_relationships(Fixture f) {
        List<FulfillmentEvent> e7 = f.flatten("order").events().stream()
                .filter(e -> "e7".equals(e.getAttributes().get(OcelKeys.EVENT_ID))).toList();

        assertThat(e7).extracting(FulfillmentEvent::getOrderId).containsExactly("o1", "o2");
        assertThat(e7.get(0).getEventId()).isNotEqualTo(e7.get(1).getEventId());
        assertThat(e7).extracting(FulfillmentEvent::getSequence).containsOnly(6L);
        assertThat(e7.get(0).getEventTime()).isEqualTo(Instant.parse("2023-01-02T10:00:00Z").toEpochMilli());
        assertThat(e7.get(0).getAttributes())
                .containsEntry("weight", "2.5")
                .containsEntry(OcelKeys.OBJECTS, "[\"p1\",\"i1\",\"i3\",\"o1\",\"o2\"]")
                .containsEntry(OcelKeys.OBJECT_TYPES, "[\"package\",\"item\",\"item\",\"order\",\"order\"]")
                .containsEntry(OcelKeys.QUALIFIERS, "[\"package\",\"item\",\"item\",\"order\",\"order\"]");
        assertThat(e7.get(0).getAttributes().get(OcelKeys.O2O)).isEqualTo(
                "[{\"objectId\":\"c1\",\"type\":\"customer\",\"qualifier\":\"placed by\"},"
                        + "{\"objectId\":\"i1\",\"type\":\"item\",\"qualifier\":\"contains\"},"
                        + "{\"objectId\":\"i2\",\"type\":\"item\",\"qualifier\":\"contains\"}]");
        assertThat(e7.get(1).getAttributes().get(OcelKeys.O2O)).isEqualTo(
                "[{\"objectId\":\"c2\",\"type\":\"customer\",\"qualifier\":\"placed by\"},"
                        + "{\"objectId\":\"i3\",\"type\":\"item\",\"qualifier\":\"contains\"}]");
    }

    @ParameterizedTest
    @EnumSource(Fixture.class)
    void an_event_relating_the_same_case_object_twice_is_imported_once(Fixture f) {
        List<FulfillmentEvent> e3 = f.flatten("order").events().stream()
                .filter(e -> "e3".equals(e.getAttributes().get(OcelKeys.EVENT_ID))).toList();

        assertThat(e3).hasSize(1);
        assertThat(e3.get(0).getAttributes()).containsEntry(OcelKeys.QUALIFIERS, "[\"order\",\"confirmed\"]");
    }

    @ParameterizedTest
    @EnumSource(Fixture.class)
    void timestamps_with_offsets_are_converted_to_utc(Fixture f) {
        FulfillmentEvent e2 = f.flatten("order").events().stream()
                .filter(e -> "e2".equals(e.getAttributes().get(OcelKeys.EVENT_ID))).findFirst().orElseThrow();

        assertThat(e2.getEventTime()).isEqualTo(Instant.parse("2023-01-01T09:00:00Z").toEpochMilli());
        assertThat(e2.getAttributes()).containsEntry("channel", "store");
    }

    @ParameterizedTest
    @EnumSource(Fixture.class)
    void without_a_case_object_type_a_multi_type_log_fails_listing_its_types(Fixture f) {
        assertThatThrownBy(() -> f.flatten(null))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("has 4 object types (order, item, package, customer)")
                .hasMessageContaining("--case-object-type");
    }

    @ParameterizedTest
    @EnumSource(Fixture.class)
    void an_unknown_case_object_type_fails_listing_the_types(Fixture f) {
        assertThatThrownBy(() -> f.flatten("truck"))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("unknown case object type 'truck': this log's object types are order, item, package, customer");
    }

    @ParameterizedTest
    @EnumSource(Fixture.class)
    void parsing_again_yields_identical_events(Fixture f) {
        assertThat(f.flatten("item").events()).isEqualTo(f.flatten("item").events());
    }

    @org.junit.jupiter.api.Test
    void the_xml_and_json_fixtures_give_identical_events() {
        for (String type : List.of("order", "item", "package", "customer")) {
            assertThat(Fixture.JSON.flatten(type).events()).as(type).isEqualTo(Fixture.XML.flatten(type).events());
        }
    }

    private static void assertReport(ImportReport report, String caseType, long imported, long withoutCase, long cases) {
        assertThat(report.caseObjectType()).isEqualTo(caseType);
        assertThat(report.eventsRead()).isEqualTo(12);
        assertThat(report.eventsImported()).isEqualTo(imported);
        assertThat(report.eventsWithoutCase()).isEqualTo(withoutCase);
        assertThat(report.cases()).isEqualTo(cases);
        assertThat(report.rejected()).isZero();
    }

    private static Map<String, List<String>> traces(Parsed parsed) {
        CaseLog log = new CaseLog();
        parsed.events().forEach(log::accept);
        return log.traces();
    }

    private static Dfg dfg(Parsed parsed) {
        CaseLog log = new CaseLog();
        parsed.events().forEach(log::accept);
        return log.dfg();
    }
}
