package io.fpi.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.fpi.jobs.traces.TraceTestBase;
import io.fpi.schemas.EventCodec;
import io.fpi.schemas.FulfillmentEvent;
import io.fpi.schemas.SchemaHistory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class EventDecoderTest extends TraceTestBase {
    private static final byte[] KEY = "acme/o1".getBytes(StandardCharsets.UTF_8);

    private final EventDecoder decoder = new EventDecoder();
    private final EventCodec codec = new EventCodec();

    private Envelope decode(byte[] value) {
        return decoder.decode(KEY, value, "fpi.events", 3, 42L);
    }

    private DeadLetter deadLetter(byte[] value) {
        Envelope e = decode(value);
        assertThat(e.isEvent()).as("expected a dead letter for %s", e).isFalse();
        return e.deadLetter;
    }

    @Test
    void a_valid_event_comes_through_unchanged() {
        FulfillmentEvent placed = orderPlaced("o1", T0);

        Envelope e = decode(codec.encode(placed));

        assertThat(e.isEvent()).isTrue();
        assertThat(e.event).isEqualTo(placed);
    }

    @Test
    void an_event_written_with_schema_version_1_is_still_read() throws Exception {
        Schema v1 = SchemaHistory.fulfillmentEvent(1);
        GenericRecord r = new GenericData.Record(v1);
        for (Schema.Field f : v1.getFields()) {
            r.put(f.name(), f.hasDefaultValue() ? GenericData.get().getDefaultValue(f) : null);
        }
        r.put("event_id", "e1");
        r.put("dataset", DATASET);
        r.put("order_id", "o1");
        r.put("activity", "ORDER_PLACED");
        r.put("event_time", T0);
        r.put("ingest_time", T0);
        r.put("source_system", "OMS");
        byte[] bytes = toBytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(r));

        Envelope e = decode(bytes);

        assertThat(e.isEvent()).isTrue();
        assertThat(e.event.getEventId()).isEqualTo("e1");
        assertThat(e.event.getSequence()).as("v2 field, defaulted").isNull();
    }

    @Test
    void json_or_an_empty_value_is_not_single_object_avro() {
        for (byte[] value : new byte[][] {"{\"event_id\":\"e1\"}".getBytes(StandardCharsets.UTF_8), new byte[0], null,
                new byte[] {(byte) 0xC3, 0x01}}) {
            DeadLetter d = deadLetter(value);
            assertThat(d.reason).isEqualTo(DeadLetterReason.NOT_SINGLE_OBJECT_AVRO);
            assertThat(d.value).isEqualTo(value);
        }
    }

    @Test
    void an_unknown_fingerprint_is_an_unknown_schema() {
        byte[] value = codec.encode(orderPlaced("o1", T0));
        for (int i = 2; i < 10; i++) {
            value[i] ^= 0x5A;
        }
        assertThat(deadLetter(value).reason).isEqualTo(DeadLetterReason.UNKNOWN_SCHEMA);
    }

    @Test
    void a_truncated_or_garbled_body_is_a_corrupt_body() {
        byte[] valid = codec.encode(orderPlaced("o1", T0));
        byte[] truncated = Arrays.copyOf(valid, valid.length / 2);
        byte[] garbled = valid.clone();
        Arrays.fill(garbled, 10, garbled.length, (byte) 0xFF); // endless varints and huge lengths

        byte[] hugeLength = Arrays.copyOf(valid, 16);
        System.arraycopy(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08}, 0, hugeLength, 10, 5); // 2^30

        assertThat(deadLetter(hugeLength).reason).isEqualTo(DeadLetterReason.CORRUPT_BODY);
        assertThat(deadLetter(hugeLength).detail).contains("exceeds");
        assertThat(deadLetter(truncated).reason).isEqualTo(DeadLetterReason.CORRUPT_BODY);
        assertThat(deadLetter(garbled).reason).isEqualTo(DeadLetterReason.CORRUPT_BODY);
        assertThat(deadLetter(truncated).detail).isNotBlank();
    }

    @Test
    void an_empty_id_dataset_order_or_activity_is_a_missing_field() {
        assertThat(deadLetter(codec.encode(event("o1", "PICKED", T0, "WMS").setEventId("").build())).detail).contains("event_id");
        assertThat(deadLetter(codec.encode(event("o1", "PICKED", T0, "WMS").setDataset("").build())).detail).contains("dataset");
        assertThat(deadLetter(codec.encode(event("", "PICKED", T0, "WMS").build())).detail).contains("order_id");
        DeadLetter noActivity = deadLetter(codec.encode(event("o1", " ", T0, "WMS").build()));
        assertThat(noActivity.reason).isEqualTo(DeadLetterReason.MISSING_FIELD);
        assertThat(noActivity.detail).contains("activity");
    }

    @Test
    void event_times_before_1970_or_after_2200_are_bad_timestamps() {
        long microseconds = T0 * 1000;
        for (long t : new long[] {0, -1, EventDecoder.MAX_EVENT_TIME_MS, microseconds}) {
            DeadLetter d = deadLetter(codec.encode(event("o1", "PICKED", t, "WMS").build()));
            assertThat(d.reason).as("event_time %d", t).isEqualTo(DeadLetterReason.BAD_TIMESTAMP);
        }
        assertThat(decode(codec.encode(event("o1", "PICKED", EventDecoder.MAX_EVENT_TIME_MS - 1, "WMS").build())).isEvent()).isTrue();
    }

    @Test
    void dead_letters_keep_the_original_bytes_and_the_kafka_position() {
        byte[] value = "not avro".getBytes(StandardCharsets.UTF_8);

        DeadLetter d = deadLetter(value);

        assertThat(d.key).isEqualTo(KEY);
        assertThat(d.value).isEqualTo(value);
        assertThat(d.sourceTopic).isEqualTo("fpi.events");
        assertThat(d.sourcePartition).isEqualTo(3);
        assertThat(d.sourceOffset).isEqualTo(42L);
    }

    @Test
    void no_input_makes_the_decoder_throw() {
        Random random = new Random(7);
        byte[] valid = codec.encode(orderPlaced("o1", T0));
        for (int i = 0; i < 5_000; i++) {
            byte[] value;
            if (i % 2 == 0) {
                value = valid.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    value[10 + random.nextInt(value.length - 10)] = (byte) random.nextInt(256);
                }
                value = Arrays.copyOf(value, 10 + random.nextInt(value.length - 9));
            } else {
                value = new byte[random.nextInt(64)];
                random.nextBytes(value);
                if (value.length > 2 && random.nextBoolean()) {
                    System.arraycopy(valid, 0, value, 0, Math.min(10, value.length));
                }
            }
            byte[] input = value;
            assertThatCode(() -> assertThat(decode(input)).isNotNull()).doesNotThrowAnyException();
        }
    }

    private static byte[] toBytes(ByteBuffer buf) {
        byte[] out = new byte[buf.remaining()];
        buf.get(out);
        return out;
    }
}
