package io.fpi.simulator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fpi.simulator.RecordKind;
import io.fpi.simulator.SimRecord;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The publisher's own logic against kafka-clients' MockProducer; a real broker is not the subject here. */
class KafkaEventPublisherTest {
    private static final SimRecord RECORD = new SimRecord("demo/ORD-1".getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xC3, 0x01, 7}, 1L, null, RecordKind.MALFORMED, null);

    @Test
    void producer_settings_favour_no_loss_and_no_producer_side_duplicates() {
        Properties p = KafkaEventPublisher.producerProperties("h:9092");
        assertThat(p).containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "h:9092")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "5");
    }

    @Test
    void sends_key_and_value_bytes_unchanged_to_the_topic() {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(producer, "fpi.events")) {
            publisher.send(RECORD);
        }
        assertThat(producer.history()).hasSize(1);
        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo("fpi.events");
        assertThat(sent.key()).isEqualTo(RECORD.key());
        assertThat(sent.value()).isEqualTo(RECORD.value());
        assertThat(producer.closed()).as("a borrowed producer stays open").isFalse();
    }

    @Test
    void an_asynchronous_send_failure_surfaces_on_flush() {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        KafkaEventPublisher publisher = new KafkaEventPublisher(producer, "fpi.events");
        publisher.send(RECORD);
        producer.errorNext(new RuntimeException("broker gone"));
        assertThatThrownBy(publisher::flush).isInstanceOf(KafkaException.class).hasMessageContaining("broker gone");
    }
}
