package io.fpi.simulator.kafka;

import io.fpi.simulator.RecordSink;
import io.fpi.simulator.SimRecord;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends records to a Kafka topic: key and value as bytes, acks=all with idempotence (a producer
 * retry must not add duplicates beyond the ones we inject on purpose), lz4, linger 5 ms. Sends are
 * asynchronous; the first failure is rethrown by the next send or flush.
 */
public final class KafkaEventPublisher implements RecordSink {
    public static final String DEFAULT_TOPIC = "fpi.events";

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final boolean owned;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /** Publishes through a producer the caller owns (it is flushed, not closed, by {@link #close()}). */
    public KafkaEventPublisher(Producer<byte[], byte[]> producer, String topic) {
        this(producer, topic, false);
    }

    private KafkaEventPublisher(Producer<byte[], byte[]> producer, String topic, boolean owned) {
        this.producer = producer;
        this.topic = topic;
        this.owned = owned;
    }

    /** Creates (and owns) a producer for {@code bootstrapServers}. */
    public static KafkaEventPublisher connect(String bootstrapServers, String topic) {
        return new KafkaEventPublisher(new KafkaProducer<>(producerProperties(bootstrapServers)), topic, true);
    }

    public static Properties producerProperties(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(128 * 1024));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "fpi-simulator");
        // One request in flight: after a transient error (a partition's leader not elected yet, a
        // request timed out on a starved machine) an idempotent producer with several in flight can
        // end up retrying OUT_OF_ORDER_SEQUENCE_NUMBER forever; with one, batches cannot overtake
        // each other. Batching keeps the rate (one request carries every partition's batch).
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "120000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000");
        return p;
    }

    @Override
    public void send(SimRecord record) {
        rethrow();
        producer.send(new ProducerRecord<>(topic, record.key(), record.value()), (meta, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
    }

    @Override
    public void flush() {
        producer.flush();
        rethrow();
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            if (owned) {
                producer.close();
            }
        }
    }

    private void rethrow() {
        Exception e = failure.get();
        if (e != null) {
            throw new KafkaException("publishing to " + topic + " failed: " + e.getMessage(), e);
        }
    }
}
