package io.fpi.jobs.traces;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.jobs.common.DeadLetterRecordSerializer;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.local.EmbeddedKafka;
import io.fpi.runtime.local.LocalClickHouse;
import io.fpi.runtime.migrations.Migrations;
import io.fpi.schemas.EventCodec;
import io.fpi.schemas.FulfillmentEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job exactly as {@code main()} and the launcher build it — KafkaSource, ClickHouse sinks,
 * dead-letter KafkaSink — against a real broker and a real clickhouse-server.
 */
class TraceJobKafkaTest extends TraceTestBase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String TOPIC = "e2e.events";
    private static final String DLQ = "e2e.events.dlq";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static LocalClickHouse server;
    static ClickHouseClient clickhouse;

    @BeforeAll
    static void startServices() {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        kafka.createTopic(TOPIC, 2);
        kafka.createTopic(DLQ, 1);
        server = LocalClickHouse.start(dir.resolve("clickhouse"));
        clickhouse = server.client();
        Migrations.apply(clickhouse);
    }

    @AfterAll
    static void stopServices() {
        if (server != null) {
            server.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void the_built_job_reads_kafka_writes_clickhouse_and_dead_letters_bad_records() throws Exception {
        List<FulfillmentEvent> events = new ArrayList<>();
        for (String id : List.of("k1", "k2", "k3")) {
            events.addAll(List.of(delivered(id, T0_PLUS_6H), orderPlaced(id, T0), picked(id, T0_PLUS_1H), packed(id, T0_PLUS_2H)));
        }
        events.add(orderPlaced("k1", T0)); // duplicate
        events.add(orderPlaced("k4", T0_PLUS_1H)); // stays open
        EventCodec codec = new EventCodec();
        Map<String, byte[]> malformed = new HashMap<>();
        malformed.put("NOT_SINGLE_OBJECT_AVRO", "{\"order_id\":\"k9\"}".getBytes(StandardCharsets.UTF_8));
        malformed.put("CORRUPT_BODY", Arrays.copyOf(codec.encode(orderPlaced("k9", T0)), 25));
        malformed.put("MISSING_FIELD", codec.encode(event("k9", "", T0, "OMS").build()));
        malformed.put("BAD_TIMESTAMP", codec.encode(event("k9", "PICKED", 0, "OMS").build()));

        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (FulfillmentEvent e : events) {
                producer.send(new ProducerRecord<>(TOPIC, key(e.getDataset() + "/" + e.getOrderId()), codec.encode(e)));
            }
            malformed.values().forEach(v -> producer.send(new ProducerRecord<>(TOPIC, key("acme/k9"), v)));
        }

        TraceJobConfig config = TraceJobConfig.parse(new String[] {
                "--kafka.bootstrap", kafka.bootstrapServers(), "--events.topic", TOPIC, "--dlq.topic", DLQ,
                "--clickhouse.url", server.url(), "--checkpoint.interval", "1s", "--clickhouse.flush.interval", "200ms"},
                Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        TraceJob.build(env, config);
        JobClient job = env.executeAsync("trace-job-kafka-test");
        try {
            awaitTrue(() -> count("SELECT count() AS n FROM traces FINAL WHERE dataset = 'acme' AND order_id LIKE 'k%'"
                    + " AND version = event_count AND event_count >= 1") == 4
                    && count("SELECT count() AS n FROM events FINAL WHERE dataset = 'acme' AND order_id LIKE 'k%'") == 13);
            List<ConsumerRecord<byte[], byte[]>> dead = readDeadLetters(malformed.size());

            List<JsonNode> traces = clickhouse.query("SELECT order_id, version, status, variant FROM traces FINAL"
                    + " WHERE dataset = 'acme' AND order_id LIKE 'k%' ORDER BY order_id");
            assertThat(traces).extracting(t -> t.get("order_id").asText() + ":" + t.get("version").asText() + ":"
                    + t.get("status").asText()).containsExactly("k1:4:completed", "k2:4:completed", "k3:4:completed", "k4:1:open");
            assertThat(traces.get(0).get("variant").asText()).isEqualTo("ORDER_PLACED > PICKED > PACKED > DELIVERED");

            assertThat(dead).hasSize(malformed.size());
            for (ConsumerRecord<byte[], byte[]> r : dead) {
                String reason = header(r, DeadLetterRecordSerializer.REASON_HEADER);
                assertThat(malformed).containsKey(reason);
                assertThat(r.value()).as(reason).isEqualTo(malformed.get(reason));
                assertThat(r.key()).isEqualTo(key("acme/k9"));
                assertThat(header(r, DeadLetterRecordSerializer.TOPIC_HEADER)).isEqualTo(TOPIC);
                assertThat(header(r, DeadLetterRecordSerializer.OFFSET_HEADER)).matches("\\d+");
            }
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static List<ConsumerRecord<byte[], byte[]>> readDeadLetters(int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(DLQ));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("rows did not appear in ClickHouse within " + TIMEOUT);
            }
            Thread.sleep(250);
        }
    }

    private static long count(String sql) {
        return clickhouse.queryOne(sql).get("n").asLong();
    }

    private static byte[] key(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
