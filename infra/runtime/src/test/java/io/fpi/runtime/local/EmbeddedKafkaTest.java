package io.fpi.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One real broker (child JVM) shared by the tests of this class. */
class EmbeddedKafkaTest {
    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void records_produced_to_a_created_topic_are_consumed_in_order_per_key() {
        kafka.createTopic("orders", 3);
        produce(kafka.bootstrapServers(), "orders", List.of("o-1=placed", "o-1=picked", "o-2=placed", "o-1=shipped"));

        List<ConsumerRecord<String, String>> got = consumeAll(kafka.bootstrapServers(), "orders", 4);

        assertThat(got).extracting(ConsumerRecord::value).containsExactlyInAnyOrder("placed", "picked", "placed", "shipped");
        assertThat(got.stream().filter(r -> r.key().equals("o-1")).map(ConsumerRecord::value))
                .containsExactly("placed", "picked", "shipped");
    }

    @Test
    void creating_a_topic_that_exists_is_fine_and_keeps_its_partitions() throws Exception {
        kafka.createTopic("twice", 4);
        kafka.createTopic("twice", 1);
        kafka.createTopics(Map.of("twice", 2, "other", 1));

        Map<String, TopicDescription> topics = describe(Set.of("twice", "other"));
        assertThat(topics.get("twice").partitions()).hasSize(4);
        assertThat(topics.get("other").partitions()).hasSize(1);
    }

    @Test
    void listens_on_loopback_only_and_is_found_by_another_process_over_its_directory() {
        assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
        assertThat(EmbeddedKafka.findRunning(dir.resolve("kafka"))).contains(kafka.bootstrapServers());
        assertThat(EmbeddedKafka.findRunning(dir.resolve("nothing-here"))).isEmpty();
    }

    @Test
    void topics_are_not_created_by_producing_to_them() throws Exception {
        try (Admin admin = admin(kafka.bootstrapServers())) {
            Properties p = producerProps(kafka.bootstrapServers());
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_500);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
                producer.send(new ProducerRecord<>("typo-topic", "k", "v"));
            } catch (RuntimeException expected) {
                // the metadata wait may surface here or in the future; either way no topic appears
            }
            assertThat(admin.listTopics().names().get()).doesNotContain("typo-topic");
        }
    }

    static Map<String, TopicDescription> describe(Set<String> names) throws Exception {
        try (Admin admin = admin(kafka.bootstrapServers())) {
            return admin.describeTopics(names).allTopicNames().get();
        }
    }

    static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    static Properties producerProps(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return p;
    }

    /** Sends "key=value" strings synchronously. */
    static void produce(String bootstrap, String topic, List<String> keyValues) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(bootstrap))) {
            for (String kv : keyValues) {
                String[] parts = kv.split("=", 2);
                producer.send(new ProducerRecord<>(topic, parts[0], parts[1])).get();
            }
        } catch (Exception e) {
            throw new AssertionError("produce failed", e);
        }
    }

    /** Reads every partition of the topic from the beginning until {@code expected} records arrive (or 30 s pass). */
    static List<ConsumerRecord<String, String>> consumeAll(String bootstrap, String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
