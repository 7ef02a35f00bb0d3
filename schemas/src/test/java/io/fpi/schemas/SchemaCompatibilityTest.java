package io.fpi.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * The contract's evolution rules, enforced: every version ever published stays readable, old readers
 * can read new data, and the current schema cannot change without a new version in the history.
 */
class SchemaCompatibilityTest {
    private static final List<Schema> HISTORY = SchemaHistory.allFulfillmentEventVersions();

    @Test
    void events_written_with_v1_decode_into_the_current_class_with_every_field_as_written() throws IOException {
        List<byte[]> messages = V1Fixture.messages();
        List<GenericRecord> written = V1Fixture.events();
        assertThat(messages).hasSameSizeAs(written).hasSizeGreaterThanOrEqualTo(5);

        EventCodec codec = new EventCodec();
        List<String> v1Fields = SchemaHistory.fulfillmentEvent(1).getFields().stream().map(Schema.Field::name).toList();
        for (int i = 0; i < messages.size(); i++) {
            FulfillmentEvent read = codec.decode(messages.get(i), null);
            GenericRecord expected = written.get(i);
            for (String field : v1Fields) {
                assertThat(read.get(field)).as("%s of %s", field, expected.get("event_id")).isEqualTo(expected.get(field));
            }
            assertThat(read.getCostMinor()).as("v2 field cost_minor").isNull();
            assertThat(read.getSequence()).as("v2 field sequence").isNull();
        }
    }

    @Test
    void the_fixture_covers_events_with_and_without_optional_fields_and_attributes() {
        List<GenericRecord> events = V1Fixture.events();
        assertThat(events).anySatisfy(e -> assertThat(nullFields(e)).isEmpty());
        assertThat(events).anySatisfy(e -> assertThat(nullFields(e)).hasSize(11)); // every optional v1 field null
        assertThat(events).anySatisfy(e -> assertThat((Map<?, ?>) e.get("attributes")).isEmpty());
        assertThat(events).anySatisfy(e -> assertThat((Map<?, ?>) e.get("attributes")).hasSizeGreaterThan(1));
    }

    @Test
    void the_committed_fixture_is_what_the_v1_writer_produces_from_the_listed_events() throws IOException {
        // Guards against the fixture and V1Fixture.events() drifting apart; it does not rewrite the file.
        try (InputStream in = V1Fixture.class.getResourceAsStream(V1Fixture.RESOURCE)) {
            assertThat(in).isNotNull();
            assertThat(in.readAllBytes()).isEqualTo(V1Fixture.encodeEvents());
        }
    }

    @Test
    void the_current_schema_can_read_every_historical_version() {
        Schema current = FulfillmentEvent.getClassSchema();
        for (int v = 1; v <= SchemaHistory.LATEST_VERSION; v++) {
            assertCompatible(current, SchemaHistory.fulfillmentEvent(v), "current reading v" + v);
        }
    }

    @Test
    void every_version_can_read_every_other_so_old_consumers_survive_new_producers() {
        for (int reader = 1; reader <= SchemaHistory.LATEST_VERSION; reader++) {
            for (int writer = 1; writer <= SchemaHistory.LATEST_VERSION; writer++) {
                assertCompatible(SchemaHistory.fulfillmentEvent(reader), SchemaHistory.fulfillmentEvent(writer),
                        "v" + reader + " reading v" + writer);
            }
        }
    }

    @Test
    void each_version_only_adds_fields_with_defaults_and_never_renames_retypes_or_removes_one() {
        for (int v = 2; v <= SchemaHistory.LATEST_VERSION; v++) {
            Schema older = SchemaHistory.fulfillmentEvent(v - 1);
            Schema newer = SchemaHistory.fulfillmentEvent(v);
            for (Schema.Field f : older.getFields()) {
                Schema.Field kept = newer.getField(f.name());
                assertThat(kept).as("v%d keeps field %s", v, f.name()).isNotNull();
                assertThat(kept.schema()).as("type of %s in v%d", f.name(), v).isEqualTo(f.schema());
                assertThat(kept.pos()).as("position of %s in v%d", f.name(), v).isEqualTo(f.pos());
            }
            for (Schema.Field f : newer.getFields()) {
                if (older.getField(f.name()) == null) {
                    assertThat(f.hasDefaultValue()).as("field %s added in v%d has a default", f.name(), v).isTrue();
                }
            }
        }
    }

    @Test
    void the_current_avsc_is_exactly_the_latest_version_in_the_history() throws IOException {
        Schema latest = SchemaHistory.fulfillmentEvent(SchemaHistory.LATEST_VERSION);
        Schema avsc;
        try (InputStream in = SchemaCompatibilityTest.class.getResourceAsStream("/schemas/current/fulfillment_event.avsc")) {
            assertThat(in).as("current avsc in the jar").isNotNull();
            avsc = new Schema.Parser().parse(in);
        }
        // toString() includes docs and defaults: any edit of the contract needs a new history version.
        assertThat(avsc.toString()).isEqualTo(latest.toString());
        // The generated class carries Java-only props (avro.java.string); what goes on the wire is the fingerprint.
        assertThat(SchemaNormalization.parsingFingerprint64(FulfillmentEvent.getClassSchema()))
                .isEqualTo(SchemaNormalization.parsingFingerprint64(latest));
    }

    @Test
    void the_history_has_no_version_beyond_latest_version() {
        String next = "/schemas/history/fulfillment_event.v" + (SchemaHistory.LATEST_VERSION + 1) + ".avsc";
        assertThat(SchemaHistory.class.getResource(next))
                .as(next + " exists: raise SchemaHistory.LATEST_VERSION so readers resolve it").isNull();
    }

    @Test
    void fingerprints_of_all_versions_are_distinct() {
        Set<Long> fingerprints = new HashSet<>();
        for (Schema s : HISTORY) {
            fingerprints.add(SchemaNormalization.parsingFingerprint64(s));
        }
        assertThat(fingerprints).hasSize(HISTORY.size());
    }

    private static void assertCompatible(Schema reader, Schema writer, String what) {
        SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        assertThat(result.getType()).as(what + ": " + result.getDescription()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    private static List<String> nullFields(GenericRecord e) {
        return e.getSchema().getFields().stream().map(Schema.Field::name).filter(n -> e.get(n) == null).toList();
    }
}
