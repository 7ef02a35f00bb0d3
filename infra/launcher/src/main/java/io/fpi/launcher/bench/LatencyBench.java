package io.fpi.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.api.ApiConfig;
import io.fpi.api.QueryApiApp;
import io.fpi.api.health.KafkaProbe;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.SqlLiterals;
import io.fpi.schemas.CanonicalActivity;
import io.fpi.simulator.RecordKind;
import io.fpi.simulator.SimRecord;
import io.fpi.simulator.Simulator;
import io.fpi.simulator.SimulatorConfig;
import io.fpi.simulator.kafka.KafkaEventPublisher;
import io.fpi.simulator.stream.RecordStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Event-to-queryable latency: the full pipeline runs unbounded on a fresh topic while a producer
 * writes a simulated retailer at a fixed rate. Ten times a second the next ORDER_PLACED becomes a
 * probe: its order is new, so its trace row appears in ClickHouse only once this very event went
 * through Kafka, Flink and the sink. The probe's clock starts just before {@code producer.send}
 * and stops when a poll (every {@link #POLL}) of {@code traces FINAL} — the table and FINAL read the
 * API's trace query uses — returns the order. A few found probes are then fetched through
 * {@code GET /api/orders/{id}/trace} to confirm that what the poll sees, the API serves.
 */
final class LatencyBench {
    static final Duration POLL = Duration.ofMillis(20);
    static final Duration PROBE_EVERY = Duration.ofMillis(100);
    /** Full rate without probes, once the pipeline is live (see awaitLive), before probing starts. */
    static final Duration WARM_UP = Duration.ofSeconds(10);
    static final String DATASET = "bench-latency";

    private final BenchServices services;
    private final FlinkStages stages;
    private final int partitions;
    private final BenchReport report;

    LatencyBench(BenchServices services, FlinkStages stages, int partitions, BenchReport report) {
        this.services = services;
        this.stages = stages;
        this.partitions = partitions;
        this.report = report;
    }

    /**
     * @param quarterP50s median latency of the probes sent in each quarter of the run, in ms: rising
     *     means the pipeline fell behind the rate, falling means it worked off a start-up backlog
     */
    record Result(double targetRate, double achievedRate, int probes, int unseen, double p50, double p99, double max,
                  int apiChecked, int apiFound, List<Long> quarterP50s) {}

    Result run(double rate, int seconds) throws Exception {
        services.recreateDatabase();
        String topic = services.createTopic("fpi.bench.latency", partitions);
        JobClient job = stages.startUnbounded(topic, "latency");
        try (KafkaProbe kafkaProbe = new KafkaProbe(services.kafkaBootstrap(), Duration.ofSeconds(2))) {
            awaitRunning(job);
            QueryApiApp api = new QueryApiApp(services.client(), kafkaProbe, ApiConfig.defaults()).start("127.0.0.1", 0);
            try {
                return measure(topic, rate, seconds, api.port());
            } finally {
                api.stop();
            }
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
            try {
                job.getJobExecutionResult().get(60, TimeUnit.SECONDS);
            } catch (Exception cancelled) {
                // expected
            }
        }
    }

    private Result measure(String topic, double rate, int seconds, int apiPort) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> latencyNanos = new ConcurrentHashMap<>();
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread poller = new Thread(() -> poll(sentAt, latencyNanos, producing), "fpi-bench-latency-poll");
        poller.setDaemon(true);
        poller.start();
        SimulatorConfig config = TopicFill.retailer(DATASET, 7);
        long start;
        long sent;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaEventPublisher.producerProperties(services.kafkaBootstrap()));
             RecordStream stream = Simulator.stream(config)) {
            awaitLive(producer, topic, stream);
            start = System.nanoTime();
            sent = produce(producer, topic, stream, rate, start, seconds, sentAt);
        }
        double achieved = sent / ((System.nanoTime() - start) / 1e9);
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (latencyNanos.size() < sentAt.size() && System.nanoTime() < waitUntil) {
            Thread.sleep(50);
        }
        producing.set(false);
        poller.join(5_000);
        double[] ms = latencyNanos.values().stream().mapToDouble(n -> n / 1e6).sorted().toArray();
        if (ms.length == 0) {
            throw new IllegalStateException("no probe became visible; is the job running?");
        }
        List<String> seen = new ArrayList<>(latencyNanos.keySet());
        int checked = Math.min(5, seen.size());
        int found = 0;
        for (int i = 0; i < checked; i++) {
            found += apiServes(apiPort, seen.get(i * seen.size() / checked)) ? 1 : 0;
        }
        return new Result(rate, achieved, sentAt.size(), sentAt.size() - ms.length, Summary.quantile(ms, 0.5),
                Summary.quantile(ms, 0.99), ms[ms.length - 1], checked, found, quarterMedians(sentAt, latencyNanos));
    }

    /**
     * Trickles records (100/s) until the first trace row is visible: the job has its partitions,
     * ClickHouse has its tables, and the measured rate starts against a pipeline that is live end
     * to end rather than one still starting.
     */
    private void awaitLive(KafkaProducer<byte[], byte[]> producer, String topic, RecordStream stream) throws InterruptedException {
        ClickHouseClient client = services.client();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String visible = "SELECT count() AS n FROM traces WHERE dataset = " + SqlLiterals.string(DATASET);
        while (client.queryOne(visible).get("n").asLong() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the latency job made no event visible within 120 s");
            }
            for (int i = 0; i < 10 && stream.hasNext(); i++) {
                SimRecord r = stream.next();
                producer.send(new ProducerRecord<>(topic, r.key(), r.value()));
            }
            producer.flush();
            Thread.sleep(100);
        }
    }

    /**
     * Sends at {@code rate} records/s for the warm-up plus {@code seconds}; after the warm-up, the
     * next ORDER_PLACED every {@link #PROBE_EVERY} becomes a probe. Returns how many records it sent.
     */
    private static long produce(KafkaProducer<byte[], byte[]> producer, String topic, RecordStream stream, double rate,
                                long start, int seconds, Map<String, Long> sentAt) {
        long sent = 0;
        long probeFrom = start + WARM_UP.toNanos();
        long end = probeFrom + TimeUnit.SECONDS.toNanos(seconds);
        long nextProbe = probeFrom;
        long now = start;
        while (now < end && stream.hasNext()) {
            long due = (long) ((now - start) / 1e9 * rate);
            while (sent < due && stream.hasNext()) {
                SimRecord r = stream.next();
                long t = System.nanoTime();
                if (t >= nextProbe && r.kind() == RecordKind.EVENT
                        && CanonicalActivity.ORDER_PLACED.name().equals(r.event().getActivity())) {
                    sentAt.put(r.event().getOrderId(), t);
                    nextProbe += PROBE_EVERY.toNanos();
                }
                producer.send(new ProducerRecord<>(topic, r.key(), r.value()));
                sent++;
            }
            LockSupport.parkNanos(500_000);
            now = System.nanoTime();
        }
        producer.flush();
        return sent;
    }

    private static List<Long> quarterMedians(Map<String, Long> sentAt, Map<String, Long> latencyNanos) {
        List<Map.Entry<String, Long>> bySend = new ArrayList<>(sentAt.entrySet());
        bySend.sort(Map.Entry.comparingByValue());
        List<Long> out = new ArrayList<>();
        for (int q = 0; q < 4; q++) {
            double[] ms = bySend.subList(q * bySend.size() / 4, (q + 1) * bySend.size() / 4).stream()
                    .map(e -> latencyNanos.get(e.getKey())).filter(java.util.Objects::nonNull)
                    .mapToDouble(n -> n / 1e6).sorted().toArray();
            out.add(ms.length == 0 ? -1 : Math.round(Summary.quantile(ms, 0.5)));
        }
        return out;
    }

    private void poll(Map<String, Long> sentAt, Map<String, Long> latencyNanos, AtomicBoolean running) {
        ClickHouseClient client = services.client();
        while (running.get()) {
            List<String> pending = sentAt.keySet().stream().filter(id -> !latencyNanos.containsKey(id)).toList();
            if (!pending.isEmpty()) {
                String in = pending.stream().map(SqlLiterals::string).collect(Collectors.joining(", "));
                try {
                    List<JsonNode> rows = client.query("SELECT order_id FROM traces FINAL WHERE dataset = "
                            + SqlLiterals.string(DATASET) + " AND order_id IN (" + in + ")");
                    long seenAt = System.nanoTime();
                    for (JsonNode row : rows) {
                        String id = row.get("order_id").asText();
                        Long sent = sentAt.get(id);
                        if (sent != null) {
                            latencyNanos.putIfAbsent(id, seenAt - sent);
                        }
                    }
                } catch (RuntimeException e) {
                    report.detail("latency poll failed: " + e.getMessage());
                }
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private static boolean apiServes(int port, String orderId) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + port + "/api/orders/" + URLEncoder.encode(orderId, StandardCharsets.UTF_8)
                            + "/trace?dataset=" + DATASET)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains(orderId);
        } catch (Exception e) {
            return false;
        }
    }

    private static void awaitRunning(JobClient job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JobStatus s = job.getJobStatus().get(10, TimeUnit.SECONDS);
            if (s == JobStatus.RUNNING) {
                return;
            }
            if (s.isGloballyTerminalState()) {
                job.getJobExecutionResult().get(10, TimeUnit.SECONDS); // throws the failure
                throw new IllegalStateException("the latency job ended before it ran: " + s);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the latency job did not reach RUNNING within 60 s");
    }

    static String describe(Result r) {
        return String.format(java.util.Locale.ROOT,
                "%.0f events/s targeted, %.0f achieved; %d probes (%d never seen); p50 %.0f ms, p99 %.0f ms, max %.0f ms;"
                        + " API served %d of %d found probes; median by quarter of the run %s ms (-1: none seen)",
                r.targetRate(), r.achievedRate(), r.probes(), r.unseen(), r.p50(), r.p99(), r.max(), r.apiFound(),
                r.apiChecked(), r.quarterP50s());
    }
}
