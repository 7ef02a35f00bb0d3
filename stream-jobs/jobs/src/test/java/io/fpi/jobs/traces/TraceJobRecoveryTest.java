package io.fpi.jobs.traces;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.jobs.common.FulfillmentEventTypeInfo;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.local.LocalClickHouse;
import io.fpi.runtime.migrations.Migrations;
import io.fpi.schemas.EventCodec;
import io.fpi.schemas.FulfillmentEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once as ClickHouse readers see it: the job fails mid-stream, Flink restores the last
 * checkpoint and replays, and FINAL queries still show every event and trace exactly once.
 */
class TraceJobRecoveryTest extends TraceTestBase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** Event rows handed to the sink over all attempts; more than the distinct events if a replay happened. */
    static final AtomicLong EMITTED_EVENT_ROWS = new AtomicLong();

    private static final int ORDERS = 40;
    private static final String DATASET_NAME = "recovery";

    @TempDir
    static Path dir;
    static LocalClickHouse server;
    static ClickHouseClient client;

    @BeforeAll
    static void startClickHouse() {
        server = LocalClickHouse.start(dir.resolve("clickhouse"));
        client = server.client();
        Migrations.apply(client);
    }

    @AfterAll
    static void stopClickHouse() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void after_a_failure_and_restore_final_queries_show_no_duplicated_or_lost_rows() throws Exception {
        List<byte[][]> records = records();
        TraceJobConfig config = TraceJobConfig.parse(new String[] {"--checkpoint.interval", "100ms",
                "--clickhouse.flush.interval", "50ms"}, Map.of()).withClickHouse(server.endpoint());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        TraceJob.configure(env, config);
        Configuration fastRestart = new Configuration();
        fastRestart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        env.configure(fastRestart);

        EncodedRecordSource.FAILURE_ARMED.set(true);
        EMITTED_EVENT_ROWS.set(0);
        TraceOutputs out = TraceJob.defineWorkflow(env, EncodedRecordSource.failingOnce(records, 55, 20), config);
        DataStream<FulfillmentEvent> countedEvents = out.events().map(e -> {
            EMITTED_EVENT_ROWS.incrementAndGet();
            return e;
        }, FulfillmentEventTypeInfo.INSTANCE);
        TraceJob.writeToClickHouse(new TraceOutputs(countedEvents, out.traces(), out.deadLetters()),
                server.endpoint(), config.clickhouseSink());
        env.execute("trace-job-recovery-test");

        int distinctEvents = ORDERS * 5;
        assertThat(EncodedRecordSource.FAILURE_ARMED).as("the injected failure happened").isFalse();
        assertThat(EMITTED_EVENT_ROWS.get()).as("rows after the last checkpoint were replayed").isGreaterThan(distinctEvents);
        assertThat(count("SELECT count() AS n FROM events FINAL WHERE dataset = 'recovery'")).isEqualTo(distinctEvents);
        assertThat(count("SELECT uniqExact(event_id) AS n FROM events WHERE dataset = 'recovery'")).isEqualTo(distinctEvents);

        List<JsonNode> traces = client.query("SELECT order_id, version, status, event_count, variant, cycle_time_ms"
                + " FROM traces FINAL WHERE dataset = 'recovery'");
        assertThat(traces).hasSize(ORDERS);
        assertThat(traces).allSatisfy(t -> {
            assertThat(t.get("version").asLong()).isEqualTo(5);
            assertThat(t.get("event_count").asInt()).isEqualTo(5);
            assertThat(t.get("status").asText()).isEqualTo("completed");
            assertThat(t.get("variant").asText()).isEqualTo("ORDER_PLACED > PICKED > PACKED > CARRIER_HANDOFF > DELIVERED");
            assertThat(t.get("cycle_time_ms").asLong()).isEqualTo(T0_PLUS_6H - T0);
        });
    }

    private static long count(String sql) {
        return client.queryOne(sql).get("n").asLong();
    }

    /** ORDERS delivered orders, interleaved in time as a live topic would carry them. */
    private static List<byte[][]> records() {
        EventCodec codec = new EventCodec();
        List<byte[][]> records = new ArrayList<>();
        for (int step = 0; step < 5; step++) {
            for (int o = 0; o < ORDERS; o++) {
                String id = "r" + o;
                FulfillmentEvent e = switch (step) {
                    case 0 -> orderPlaced(id, T0);
                    case 1 -> picked(id, T0_PLUS_1H);
                    case 2 -> packed(id, T0_PLUS_2H);
                    case 3 -> carrierHandoff(id, T0_PLUS_3H);
                    default -> delivered(id, T0_PLUS_6H);
                };
                e = FulfillmentEvent.newBuilder(e).setDataset(DATASET_NAME).build();
                records.add(new byte[][] {(DATASET_NAME + "/" + id).getBytes(StandardCharsets.UTF_8), codec.encode(e)});
            }
        }
        return records;
    }
}
