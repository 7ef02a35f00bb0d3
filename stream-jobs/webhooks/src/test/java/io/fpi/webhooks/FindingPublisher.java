package io.fpi.webhooks;

import io.fpi.schemas.Finding;
import io.fpi.schemas.FindingCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Publishes findings as the detection jobs do: key dataset/finding_id, value Avro single-object encoding. */
public final class FindingPublisher implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final FindingCodec codec = new FindingCodec();
    private final String topic;

    public FindingPublisher(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        this.producer = new KafkaProducer<>(p);
        this.topic = topic;
    }

    public void publish(List<Finding> findings) {
        for (Finding f : findings) {
            producer.send(new ProducerRecord<>(topic, null, f.getDetectedAt(),
                    (f.getDataset() + "/" + f.getFindingId()).getBytes(StandardCharsets.UTF_8), codec.encode(f)));
        }
        producer.flush();
    }

    /** Garbage on the topic: the dispatcher must skip it and go on. */
    public void publishRaw(byte[] value) {
        producer.send(new ProducerRecord<>(topic, "garbage".getBytes(StandardCharsets.UTF_8), value));
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
