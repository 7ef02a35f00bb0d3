package io.fpi.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.jobs.traces.TraceTestBase;
import io.fpi.schemas.EventCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class EnvelopeDeserializerTest extends TraceTestBase {
    private final EnvelopeDeserializer deserializer = new EnvelopeDeserializer();

    private List<Envelope> deserialize(byte[] key, byte[] value) {
        List<Envelope> out = new ArrayList<>();
        deserializer.open(null);
        deserializer.deserialize(new ConsumerRecord<>("fpi.events", 1, 7L, key, value), new Collector<>() {
            @Override
            public void collect(Envelope record) {
                out.add(record);
            }

            @Override
            public void close() {}
        });
        return out;
    }

    @Test
    void every_record_becomes_exactly_one_envelope_with_its_kafka_position() {
        byte[] key = "acme/o1".getBytes(StandardCharsets.UTF_8);
        List<Envelope> good = deserialize(key, new EventCodec().encode(orderPlaced("o1", T0)));
        List<Envelope> tombstone = deserialize(key, null);

        assertThat(good).singleElement().satisfies(e -> assertThat(e.event.getOrderId()).isEqualTo("o1"));
        assertThat(tombstone).singleElement().satisfies(e -> {
            assertThat(e.deadLetter.reason).isEqualTo(DeadLetterReason.NOT_SINGLE_OBJECT_AVRO);
            assertThat(e.deadLetter.sourceTopic).isEqualTo("fpi.events");
            assertThat(e.deadLetter.sourcePartition).isEqualTo(1);
            assertThat(e.deadLetter.sourceOffset).isEqualTo(7L);
        });
    }

    @Test
    void the_produced_type_carries_the_avro_serializer_for_the_event_field() {
        assertThat(deserializer.getProducedType().toString()).contains("FulfillmentEvent(Avro single-object)");
    }

    @Test
    void a_dead_letter_goes_to_the_dlq_topic_as_original_bytes_with_reason_and_origin_headers() {
        byte[] key = "acme/o1".getBytes(StandardCharsets.UTF_8);
        byte[] value = "garbage".getBytes(StandardCharsets.UTF_8);
        DeadLetter letter = new DeadLetter(key, value, DeadLetterReason.NOT_SINGLE_OBJECT_AVRO, "bad magic", "fpi.events", 2, 99L);

        ProducerRecord<byte[], byte[]> record = new DeadLetterRecordSerializer("fpi.events.dlq").serialize(letter, null, null);

        assertThat(record.topic()).isEqualTo("fpi.events.dlq");
        assertThat(record.key()).isEqualTo(key);
        assertThat(record.value()).isEqualTo(value);
        assertThat(header(record, "fpi-dlq-reason")).isEqualTo("NOT_SINGLE_OBJECT_AVRO");
        assertThat(header(record, "fpi-dlq-detail")).isEqualTo("bad magic");
        assertThat(header(record, "fpi-source-topic")).isEqualTo("fpi.events");
        assertThat(header(record, "fpi-source-partition")).isEqualTo("2");
        assertThat(header(record, "fpi-source-offset")).isEqualTo("99");
    }

    @Test
    void a_too_late_dead_letter_has_no_source_position_headers() {
        DeadLetter letter = new DeadLetter(null, new byte[] {1}, DeadLetterReason.TOO_LATE, "late", "", -1, -1);

        ProducerRecord<byte[], byte[]> record = new DeadLetterRecordSerializer("dlq").serialize(letter, null, null);

        assertThat(header(record, "fpi-dlq-reason")).isEqualTo("TOO_LATE");
        assertThat(record.headers().lastHeader("fpi-source-offset")).isNull();
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
