package io.fpi.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.MissingSchemaException;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    private static final long T0 = 1_717_232_400_000L; // 2024-06-01T09:00:00Z

    private final EventCodec codec = new EventCodec();

    static FulfillmentEvent everyField() {
        return FulfillmentEvent.newBuilder()
                .setEventId("evt-42").setDataset("acme-retail").setOrderId("ORD-42").setActivity("LABEL_CREATED")
                .setEventTime(T0).setIngestTime(T0 + 250).setSourceSystem("TMS")
                .setChannel("WEB").setFulfillmentType("SHIP_TO_HOME").setNodeId("DC-ATL-01").setRegion("US-SE")
                .setPromisedBy(T0 + 86_400_000L).setUnitsOrdered(3).setUnitsFulfilled(3)
                .setAmountMinor(12_999L).setCurrency("USD").setErrorCode("CARRIER_API_5XX").setErrorReason("retried once")
                .setAttributes(Map.of("carrier", "UPS", "tracking", "1Z999AA10123456784", "note", "ü ✓"))
                .setCostMinor(712L).setSequence(7L)
                .build();
    }

    static FulfillmentEvent requiredOnly() {
        return FulfillmentEvent.newBuilder()
                .setEventId("evt-43").setDataset("bpi2012").setOrderId("173688").setActivity("A_SUBMITTED")
                .setEventTime(T0).setIngestTime(T0).setSourceSystem("IMPORT")
                .build();
    }

    @Test
    void an_event_with_every_field_set_survives_a_round_trip() throws IOException {
        FulfillmentEvent event = everyField();
        assertThat(codec.decode(codec.encode(event), null)).isEqualTo(event);
    }

    @Test
    void an_event_with_only_required_fields_survives_a_round_trip() throws IOException {
        FulfillmentEvent decoded = codec.decode(codec.encode(requiredOnly()), null);
        assertThat(decoded).isEqualTo(requiredOnly());
        assertThat(decoded.getChannel()).isNull();
        assertThat(decoded.getAttributes()).isEmpty();
    }

    @Test
    void a_message_starts_with_the_single_object_marker_and_the_writer_schema_fingerprint() {
        byte[] bytes = codec.encode(everyField());
        assertThat(Arrays.copyOfRange(bytes, 0, 2)).containsExactly(0xC3, 0x01);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(SchemaNormalization.parsingFingerprint64(FulfillmentEvent.getClassSchema()));
    }

    @Test
    void a_wrong_magic_is_a_bad_header() {
        byte[] bytes = codec.encode(everyField());
        bytes[0] = 0x00; // e.g. Confluent framing: 0x00 + 4-byte registry id
        assertThatThrownBy(() -> codec.decode(bytes, null)).isInstanceOf(BadHeaderException.class);
    }

    @Test
    void an_unknown_fingerprint_is_a_missing_schema() {
        byte[] bytes = codec.encode(everyField());
        bytes[5] ^= 0x5A;
        assertThatThrownBy(() -> codec.decode(bytes, null)).isInstanceOf(MissingSchemaException.class);
    }

    @Test
    void every_truncation_of_a_message_fails_to_decode() {
        byte[] bytes = codec.encode(everyField());
        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> codec.decode(truncated, null))
                    .as("message cut to %d of %d bytes", length, bytes.length)
                    .isInstanceOfAny(IOException.class, AvroRuntimeException.class);
        }
    }

    @Test
    void decoding_into_a_reused_record_replaces_every_field_and_leaves_no_stale_attributes() throws IOException {
        FulfillmentEvent reuse = new FulfillmentEvent();
        FulfillmentEvent first = codec.decode(codec.encode(everyField()), reuse);
        assertThat(first).isSameAs(reuse).isEqualTo(everyField());

        FulfillmentEvent second = codec.decode(codec.encode(requiredOnly()), reuse);
        assertThat(second).isSameAs(reuse).isEqualTo(requiredOnly());
        assertThat(second.getCostMinor()).isNull();
        assertThat(second.getAttributes()).isEmpty();
    }
}
