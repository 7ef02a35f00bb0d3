package io.fpi.jobs.common;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes a {@link DeadLetter} to the dead-letter topic as the original key and value bytes, with the
 * reason and origin in headers, so a fixed job (or a person) can replay the record unchanged.
 */
public final class DeadLetterRecordSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;

    public static final String REASON_HEADER = "fpi-dlq-reason";
    public static final String DETAIL_HEADER = "fpi-dlq-detail";
    public static final String TOPIC_HEADER = "fpi-source-topic";
    public static final String PARTITION_HEADER = "fpi-source-partition";
    public static final String OFFSET_HEADER = "fpi-source-offset";

    private final String topic;

    public DeadLetterRecordSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, utf8(letter.reason.name()));
        headers.add(DETAIL_HEADER, utf8(letter.detail));
        if (letter.hasSourcePosition()) {
            headers.add(TOPIC_HEADER, utf8(letter.sourceTopic));
            headers.add(PARTITION_HEADER, utf8(Integer.toString(letter.sourcePartition)));
            headers.add(OFFSET_HEADER, utf8(Long.toString(letter.sourceOffset)));
        }
        return new ProducerRecord<>(topic, null, null, letter.key, letter.value, headers);
    }

    private static byte[] utf8(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
