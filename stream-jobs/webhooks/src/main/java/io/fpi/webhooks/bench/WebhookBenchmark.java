package io.fpi.webhooks.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.local.EmbeddedKafka;
import io.fpi.runtime.local.LocalClickHouse;
import io.fpi.runtime.migrations.Migrations;
import io.fpi.schemas.Finding;
import io.fpi.schemas.FindingCodec;
import io.fpi.webhooks.WebhookConfig;
import io.fpi.webhooks.WebhookService;
import io.fpi.webhooks.safety.SecretCipher;
import io.fpi.webhooks.subscriptions.WebhookAdmin;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code bin/fpi bench webhooks}: findings published to Kafka, each matching every one of S
 * subscriptions (format fpi, no grouping, no rate limit: the raw delivery path), with S real
 * receivers on loopback. Prints {@code name: value unit} lines on {@code out}:
 * <ul>
 *   <li>{@code webhook_p50_ms}, {@code webhook_p99_ms}: from a finding's publication to its first
 *       delivery attempt at each subscription (measured at the receiver, same clock), over N findings
 *       published at a steady rate (default 10,000 at 100/s, i.e. 2,000 deliveries/s offered);</li>
 *   <li>{@code webhook_deliveries_per_s}: deliveries per second when a burst of findings (default
 *       2,000, i.e. 40,000 deliveries) is published all at once: what the dispatcher sustains.</li>
 * </ul>
 * It starts its own ClickHouse and Kafka in a temporary directory (deleted afterwards) and warms
 * up first. Progress goes to stderr. Exit codes: 0 measured, 1 failed, 2 bad usage.
 */
public final class WebhookBenchmark {
    public static final String USAGE = """
            usage: fpi bench webhooks [--findings N] [--rate FINDINGS_PER_S] [--burst N] [--subscriptions S] [--partitions P]
              --findings       findings of the latency run (default 10000)
              --rate           their publication rate, findings per second (default 100)
              --burst          findings published at once for the throughput run (default 2000; 0 skips it)
              --subscriptions  subscriptions (and receivers), each matching every finding (default 20)
              --partitions     partitions of the findings topic (default 2)
            """;

    private WebhookBenchmark() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("fpi bench webhooks: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        if (o.help) {
            out.print(USAGE);
            return 0;
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("fpi-bench-webhooks");
            return measure(o, dir, out);
        } catch (Exception e) {
            System.err.println("fpi bench webhooks: failed: " + e);
            e.printStackTrace(System.err);
            return 1;
        } finally {
            delete(dir);
        }
    }

    private static int measure(Options o, Path dir, PrintStream out) throws Exception {
        progress("starting ClickHouse and Kafka in %s", dir);
        List<BenchReceiver> receivers = new ArrayList<>();
        try (LocalClickHouse ch = LocalClickHouse.start(dir.resolve("clickhouse"));
             EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
            String topic = "fpi.findings.bench";
            kafka.createTopic(topic, o.partitions);
            ClickHouseClient client = ch.client();
            Migrations.apply(client);
            WebhookConfig config = WebhookConfig.defaults().withFindingsTopic(topic).withConsumerGroup("fpi-webhooks-bench")
                    .withSubscriptionDefaults(Duration.ZERO, 0).withAllowedHosts("127.0.0.1")
                    .withSecretKey(SecretCipher.newKeyBase64(), null);
            ObjectMapper json = new ObjectMapper();
            try (WebhookAdmin admin = new WebhookAdmin(client, config)) {
                for (int i = 0; i < o.subscriptions; i++) {
                    BenchReceiver r = new BenchReceiver();
                    receivers.add(r);
                    admin.create(json.readTree("{\"url\": \"" + r.url() + "\", \"secret\": \"bench-secret-" + i
                            + "-0123456789abcdef\", \"format\": \"fpi\"}"));
                }
            }
            try (WebhookService service = WebhookService.start(client, kafka.bootstrapServers(), config);
                 KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
                int warmup = Math.min(500, Math.max(50, o.findings / 20));
                progress("warming up with %d findings", warmup);
                publishAndWait(producer, topic, "warmup", warmup, 0, receivers, Duration.ofMinutes(2));
                receivers.forEach(r -> r.firstSeenMs.clear());
                progress("latency: %d findings at %s to %d subscriptions", o.findings,
                        o.rate == 0 ? "full speed" : o.rate + "/s", o.subscriptions);
                Run run = publishAndWait(producer, topic, "latency", o.findings, o.rate, receivers, Duration.ofMinutes(15));
                long[] latencies = latencies(run, receivers);
                out.printf(Locale.ROOT, "webhook_p50_ms: %d ms%n", percentile(latencies, 0.50));
                out.printf(Locale.ROOT, "webhook_p99_ms: %d ms%n", percentile(latencies, 0.99));
                out.flush();
                progress("latency: %d deliveries, max %d ms", latencies.length, latencies[latencies.length - 1]);
                if (o.burst > 0) {
                    receivers.forEach(r -> r.firstSeenMs.clear());
                    progress("throughput: %d findings at once to %d subscriptions", o.burst, o.subscriptions);
                    Run burst = publishAndWait(producer, topic, "burst", o.burst, 0, receivers, Duration.ofMinutes(15));
                    long deliveries = (long) o.burst * o.subscriptions;
                    double seconds = Math.max(1, burst.lastDeliveryMs() - burst.firstPublishMs()) / 1000.0;
                    out.printf(Locale.ROOT, "webhook_deliveries_per_s: %.0f deliveries/s%n", deliveries / seconds);
                    out.flush();
                    progress("throughput: %d deliveries in %.1f s", deliveries, seconds);
                }
            }
        } finally {
            receivers.forEach(BenchReceiver::close);
        }
        return 0;
    }

    private record Run(Map<String, Long> publishedMs, long firstPublishMs, long lastDeliveryMs) {}

    private static Run publishAndWait(KafkaProducer<byte[], byte[]> producer, String topic, String prefix, int n, int rate,
                                      List<BenchReceiver> receivers, Duration patience) {
        FindingCodec codec = new FindingCodec();
        Map<String, Long> published = new java.util.concurrent.ConcurrentHashMap<>();
        long start = System.currentTimeMillis();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (rate > 0) {
                long due = t0 + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    sleepNanos(wait);
                }
            }
            Finding f = finding(prefix, i);
            long now = System.currentTimeMillis();
            published.put(f.getFindingId(), now);
            producer.send(new ProducerRecord<>(topic, null, f.getDetectedAt(),
                    (f.getDataset() + "/" + f.getFindingId()).getBytes(StandardCharsets.UTF_8), codec.encode(f)));
        }
        producer.flush();
        long deadline = System.nanoTime() + patience.toNanos();
        // Keys are unique per run (the receivers were cleared before it), so counting suffices.
        while (receivers.stream().anyMatch(r -> r.firstSeenMs.size() < n)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not every finding reached every receiver within " + patience);
            }
            sleepNanos(20_000_000);
        }
        long last = receivers.stream().flatMap(r -> published.keySet().stream().map(r.firstSeenMs::get))
                .mapToLong(Long::longValue).max().orElse(start);
        return new Run(published, start, last);
    }

    private static long[] latencies(Run run, List<BenchReceiver> receivers) {
        return receivers.stream()
                .flatMap(r -> run.publishedMs().entrySet().stream().map(e -> r.firstSeenMs.get(e.getKey()) - e.getValue()))
                .mapToLong(Long::longValue).sorted().toArray();
    }

    /** The value at rank ceil(q·n) of the sorted latencies (nearest rank). */
    static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static Finding finding(String prefix, int i) {
        String id = String.format("stall-%s-%08d", prefix, i);
        return Finding.newBuilder().setFindingId(id).setType("STALL").setDataset("bench").setOrderId("ORD-" + id)
                .setDetectedAt(System.currentTimeMillis()).setSeverity("warning").setStage("LABEL_CREATED")
                .setLastActivity("LABEL_CREATED").setIdleMs(3_600_000L).setNodeId("ST-" + (i % 300))
                .setRegion("NORTHEAST").setFulfillmentType("SHIP_TO_HOME").setSourceSystem("CARRIER")
                .setMessage("Order ORD-" + id + " stalled after LABEL_CREATED").setEvidence(Map.of()).build();
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        return new KafkaProducer<>(p);
    }

    private static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, "fpi bench webhooks: " + format + "%n", args);
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("fpi bench webhooks: could not delete " + dir + ": " + e.getMessage());
        }
    }

    private record Options(int findings, int subscriptions, int rate, int burst, int partitions, boolean help) {
        static Options parse(String[] args) {
            int findings = 10_000;
            int subscriptions = 20;
            int rate = 100;
            int burst = 2_000;
            int partitions = 2;
            boolean help = false;
            List<String> a = Arrays.asList(args);
            for (int i = 0; i < a.size(); i++) {
                String flag = a.get(i);
                if (flag.equals("--help") || flag.equals("-h")) {
                    help = true;
                    continue;
                }
                if (i + 1 >= a.size()) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                int v = number(flag, a.get(++i));
                switch (flag) {
                    case "--findings" -> findings = v;
                    case "--subscriptions" -> subscriptions = v;
                    case "--rate" -> rate = v;
                    case "--burst" -> burst = v;
                    case "--partitions" -> partitions = v;
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            if (findings < 1 || subscriptions < 1 || rate < 0 || burst < 0 || partitions < 1) {
                throw new IllegalArgumentException("--findings, --subscriptions and --partitions must be >= 1, --rate and --burst >= 0");
            }
            return new Options(findings, subscriptions, rate, burst, partitions, help);
        }

        private static int number(String flag, String v) {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " must be a whole number, got '" + v + "'");
            }
        }
    }
}
