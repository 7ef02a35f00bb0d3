package io.fpi.launcher.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Where each partition of the benchmark topic begins and ends, so warm-up runs can stop after a
 * prefix: a warm-up only has to compile the hot code and fill caches, not repeat the whole topic.
 */
record TopicOffsets(Map<TopicPartition, Long> begin, Map<TopicPartition, Long> end) {

    static TopicOffsets of(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            return new TopicOffsets(c.beginningOffsets(parts), c.endOffsets(parts));
        }
    }

    long records() {
        return end.entrySet().stream().mapToLong(e -> e.getValue() - begin.get(e.getKey())).sum();
    }

    /** End offsets that cover about {@code records} records, spread over the partitions in proportion. */
    Map<TopicPartition, Long> prefix(long records) {
        double share = Math.min(1.0, (double) records / Math.max(1, records()));
        Map<TopicPartition, Long> out = new HashMap<>();
        end.forEach((tp, e) -> {
            long b = begin.get(tp);
            out.put(tp, b + Math.round((e - b) * share));
        });
        return out;
    }

    static long count(Map<TopicPartition, Long> stopAt, Map<TopicPartition, Long> begin) {
        return stopAt.entrySet().stream().mapToLong(e -> e.getValue() - begin.get(e.getKey())).sum();
    }
}
