package io.fpi.launcher.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.api.ApiConfig;
import io.fpi.api.QueryApiApp;
import io.fpi.api.auth.ApiAuth;
import io.fpi.api.auth.TokenStore;
import io.fpi.api.health.KafkaProbe;
import io.fpi.detection.job.FpiJob;
import io.fpi.jobs.traces.TraceJobConfig;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.SqlLiterals;
import io.fpi.runtime.config.Env;
import io.fpi.runtime.local.EmbeddedKafka;
import io.fpi.runtime.local.LocalClickHouse;
import io.fpi.runtime.migrations.Migrations;
import io.fpi.simulator.Simulator;
import io.fpi.simulator.SimulatorConfig;
import io.fpi.simulator.scenarios.ScenarioName;
import io.fpi.simulator.scenarios.ScenarioSpec;
import io.fpi.simulator.truth.GroundTruthCollector;
import io.fpi.webhooks.WebhookConfig;
import io.fpi.webhooks.safety.SecretCipher;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The platform the dashboard runs on, with real data: local ClickHouse, an embedded Kafka broker,
 * the FPI job on a MiniCluster and the query API serving the dashboard, fed by an unpaced simulator
 * run (carrier outage, fixed simulated start) that is fully processed before the browser opens.
 */
final class LivePipeline implements AutoCloseable {
    static final String TOPIC = "fpi.events";

    final String dataset;
    final int orders;
    private LocalClickHouse clickHouse;
    private ClickHouseClient ch;
    private EmbeddedKafka kafka;
    private JobClient job;
    private KafkaProbe probe;
    private QueryApiApp api;

    private LivePipeline(String dataset, int orders) {
        this.dataset = dataset;
        this.orders = orders;
    }

    static LivePipeline start(Path dir, String dataset, int orders, Instant simStart) throws Exception {
        LivePipeline p = new LivePipeline(dataset, orders);
        try {
            p.run(dir, simStart);
        } catch (Exception | Error e) {
            p.close();
            throw e;
        }
        return p;
    }

    private void run(Path dir, Instant simStart) throws Exception {
        long t0 = System.nanoTime();
        clickHouse = LocalClickHouse.start(dir.resolve("clickhouse"));
        ch = clickHouse.client();
        Migrations.apply(ch);
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        kafka.createTopics(Map.of(TOPIC, 2, "fpi.events.dlq", 1, "fpi.findings", 2));

        SimulatorConfig sim = SimulatorConfig.builder()
                .dataset(dataset).seed(7).maxOrders(orders).paced(false)
                .simStartMs(simStart.toEpochMilli())
                .scenario(ScenarioSpec.of(ScenarioName.CARRIER_OUTAGE))
                .duplicateRate(0.01).outOfOrderRate(0.02).malformedRate(0)
                .build();
        log(t0, "services up");
        Simulator.publish(sim, kafka.bootstrapServers(), TOPIC, new GroundTruthCollector(), () -> false);
        log(t0, "simulation published");

        TraceJobConfig config = TraceJobConfig.parse(new String[] {
                "--kafka.bootstrap", kafka.bootstrapServers(), "--consumer.group", "browser",
                "--checkpoint.interval", "2s", "--clickhouse.flush.interval", "500ms"}, Map.of())
                .withClickHouse(clickHouse.endpoint());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
        FpiJob.build(env, config, new Env(Map.of()));
        job = env.executeAsync(FpiJob.JOB_NAME);

        probe = new KafkaProbe(kafka.bootstrapServers(), Duration.ofSeconds(2));
        api = new QueryApiApp(ch, probe, ApiConfig.defaults()).start("127.0.0.1", 0);
        awaitData(t0);
    }

    private static void log(long t0, String what) {
        System.out.printf("browser-test pipeline: %s after %.1f s%n", what, (System.nanoTime() - t0) / 1e9);
    }

    /** Every order's trace, its minute KPIs and some completed stages: what the pages draw. */
    private void awaitData(long t0) throws InterruptedException {
        String ds = SqlLiterals.string(dataset);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        boolean traces = false;
        while (System.nanoTime() < deadline) {
            JsonNode r = ch.queryOne("SELECT count() AS n, countIf(length(stage_names) > 0) AS staged FROM traces FINAL WHERE dataset = " + ds);
            if (r.get("n").asLong() >= orders && r.get("staged").asLong() > 0) {
                traces = true;
                break;
            }
            Thread.sleep(500);
        }
        log(t0, "traces written");
        if (!traces) {
            throw new IllegalStateException("the FPI job did not write the traces of " + orders + " orders in time");
        }
        // the KPI topology flushes minutes as its watermark passes them; a little later than traces
        while (System.nanoTime() < deadline) {
            JsonNode r = ch.queryOne("SELECT sum(orders_placed) AS n FROM kpi_minute FINAL WHERE dataset = " + ds);
            if (r.get("n").asLong() >= orders) {
                log(t0, "minute KPIs written");
                return;
            }
            Thread.sleep(500);
        }
        log(t0, "minute KPIs incomplete, going on");
    }

    String baseUrl() {
        return "http://127.0.0.1:" + api.port();
    }

    /** A second API over the same data with bearer-token auth on, as a deployment runs it; the caller stops it. */
    QueryApiApp authenticatedApi(TokenStore tokens) {
        return new QueryApiApp(ch, probe, ApiConfig.defaults(), ApiAuth.of(tokens),
                WebhookConfig.defaults().withSecretKey(SecretCipher.newKeyBase64(), null)).start("127.0.0.1", 0);
    }

    int apiPort() {
        return api.port();
    }

    ClickHouseClient clickHouse() {
        return ch;
    }

    /** The shipped order delivered furthest past its promise (the dashboard must explain why). */
    String latestDeliveredLateOrder() {
        JsonNode r = ch.queryOne("SELECT order_id FROM traces FINAL WHERE dataset = " + SqlLiterals.string(dataset)
                + " AND fulfillment_type NOT IN ('BOPIS', 'CURBSIDE') AND has(activities, 'DELIVERED')"
                + " AND isNotNull(promised_by_ms) AND completed_at_ms > promised_by_ms"
                + " ORDER BY completed_at_ms - promised_by_ms DESC, order_id LIMIT 1");
        return r == null ? null : r.get("order_id").asText();
    }

    @Override
    public void close() throws Exception {
        if (api != null) {
            api.stop();
        }
        if (probe != null) {
            probe.close();
        }
        if (job != null) {
            try {
                job.cancel().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the MiniCluster goes with the JVM; the services below must still stop
            }
        }
        if (kafka != null) {
            kafka.close();
        }
        if (clickHouse != null) {
            clickHouse.close();
        }
    }
}
