package io.fpi.simulator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.runtime.local.EmbeddedKafka;
import io.fpi.schemas.EventCodec;
import io.fpi.schemas.FulfillmentEvent;
import io.fpi.simulator.SimRecord;
import io.fpi.simulator.SimulateCommand;
import io.fpi.simulator.SimulationSummary;
import io.fpi.simulator.Simulator;
import io.fpi.simulator.SimulatorConfig;
import io.fpi.simulator.truth.GroundTruth;
import io.fpi.simulator.truth.GroundTruthReader;
import io.fpi.simulator.truth.GroundTruthSink;
import io.fpi.simulator.truth.OrderTruth;
import io.fpi.simulator.truth.TruthEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing to a real broker (EmbeddedKafka, a child JVM) and reading everything back. */
class KafkaPublishTest {
    private static final long T0 = Instant.parse("2026-03-02T13:00:00Z").toEpochMilli();
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
    void published_orders_come_back_with_the_same_bytes_and_per_order_sequence() {
        kafka.createTopic("sim.a", 3);
        SimulatorConfig config = SimulatorConfig.builder().seed(5).simStartMs(T0).paced(false).maxOrders(200)
                .duplicateRate(0.02).malformedRate(0.01).build();
        SimulationSummary summary = Simulator.publish(config, kafka.bootstrapServers(), "sim.a", GroundTruthSink.NONE, () -> false);

        List<ConsumerRecord<byte[], byte[]>> got = consumeAll("sim.a", summary.records());
        assertThat(got).hasSize((int) summary.records());
        // one key = one partition, so each order's records keep the generated order
        Map<String, List<byte[]>> expected = byKey(Simulator.records(config));
        Map<String, List<byte[]>> actual = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : got) {
            actual.computeIfAbsent(new String(r.key(), StandardCharsets.UTF_8), k -> new ArrayList<>()).add(r.value());
        }
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, values) -> assertThat(actual.get(key)).as(key).containsExactlyElementsOf(values));
    }

    @Test
    void the_command_publishes_and_its_ground_truth_file_matches_what_a_consumer_reads() throws Exception {
        kafka.createTopic("sim.b", 2);
        Path truthFile = dir.resolve("truth.jsonl");
        int code = SimulateCommand.run(new String[] {"--bootstrap", kafka.bootstrapServers(), "--topic", "sim.b",
            "--unpaced", "--orders", "150", "--seed", "9", "--sim-start", "2026-03-02T13:00:00Z",
            "--ground-truth", truthFile.toString()});
        assertThat(code).isZero();
        GroundTruth truth = GroundTruthReader.read(truthFile);
        assertThat(truth.orders()).hasSize(150);

        List<ConsumerRecord<byte[], byte[]>> got = consumeAll("sim.b", truth.summary().records());
        EventCodec codec = new EventCodec();
        Set<String> streamedIds = new HashSet<>();
        int undecodable = 0;
        for (ConsumerRecord<byte[], byte[]> r : got) {
            try {
                FulfillmentEvent e = codec.decode(r.value(), null);
                if (!e.getOrderId().isEmpty() && e.getEventTime() > 0) {
                    streamedIds.add(e.getEventId());
                }
            } catch (Exception e) {
                undecodable++;
            }
        }
        Set<String> truthIds = new HashSet<>();
        for (OrderTruth o : truth.orders()) {
            for (TruthEvent e : o.events()) {
                truthIds.add(e.eventId());
            }
        }
        assertThat(streamedIds).isEqualTo(truthIds);
        long expectedUndecodable = truth.summary().malformedByReason().entrySet().stream()
                .filter(e -> Set.of("GARBAGE", "BAD_MAGIC", "TRUNCATED").contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        assertThat(undecodable).isEqualTo(expectedUndecodable);
    }

    private static Map<String, List<byte[]>> byKey(Iterator<SimRecord> records) {
        Map<String, List<byte[]>> out = new LinkedHashMap<>();
        while (records.hasNext()) {
            SimRecord r = records.next();
            out.computeIfAbsent(new String(r.key(), StandardCharsets.UTF_8), k -> new ArrayList<>()).add(r.value());
        }
        return out;
    }

    private static List<ConsumerRecord<byte[], byte[]>> consumeAll(String topic, long expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 60_000;
            while (out.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
            // anything beyond the expected count would be a producer-side duplicate
            consumer.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }
}
