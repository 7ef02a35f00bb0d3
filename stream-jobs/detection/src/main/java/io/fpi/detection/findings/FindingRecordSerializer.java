package io.fpi.detection.findings;

import io.fpi.schemas.Finding;
import io.fpi.schemas.FindingCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Findings to topic fpi.findings: key = dataset/finding_id (so a replayed finding lands on the same
 * partition as its first copy and consumers de-duplicate by id), value = Avro single-object encoding.
 */
public final class FindingRecordSerializer implements KafkaRecordSerializationSchema<Finding> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private transient FindingCodec codec;

    public FindingRecordSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Finding f, KafkaSinkContext context, Long timestamp) {
        if (codec == null) {
            codec = new FindingCodec();
        }
        byte[] key = (f.getDataset() + "/" + f.getFindingId()).getBytes(StandardCharsets.UTF_8);
        // No record timestamp (the producer's clock stamps it): detected_at is event time, and for
        // replays, imports and simulations it lies days or months back, so time-based retention
        // would delete the findings before the webhook dispatcher reads them. It is in the value.
        return new ProducerRecord<>(topic, null, null, key, codec.encode(f));
    }
}
