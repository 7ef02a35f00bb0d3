package io.fpi.jobs.traces;

import io.fpi.jobs.common.ClickHouseSink;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import io.fpi.runtime.config.Env;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Options of the trace job. Each is an FPI_* environment variable, and may be overridden by a
 * program argument {@code --name value} whose name is the variable without "FPI_", lower case,
 * '_' replaced by '.' (FPI_KAFKA_BOOTSTRAP = --kafka.bootstrap). See {@link TraceJob} for the table.
 *
 * @param clickhouse null when FPI_CLICKHOUSE_URL is unset (fine for tests, fatal for main)
 * @param parallelism null: the cluster's default
 * @param checkpointDir null: the cluster's configuration decides
 */
public record TraceJobConfig(
        String kafkaBootstrap,
        String eventsTopic,
        String dlqTopic,
        String consumerGroup,
        ClickHouseEndpoint clickhouse,
        ClickHouseSink.Settings clickhouseSink,
        Duration checkpointInterval,
        String checkpointDir,
        Duration maxOutOfOrderness,
        Duration sourceIdleness,
        Duration traceRetention,
        Duration traceIdleExpiry,
        Integer parallelism) {

    public static final String KAFKA_BOOTSTRAP = "FPI_KAFKA_BOOTSTRAP";
    public static final String EVENTS_TOPIC = "FPI_EVENTS_TOPIC";
    public static final String DLQ_TOPIC = "FPI_DLQ_TOPIC";
    public static final String CONSUMER_GROUP = "FPI_CONSUMER_GROUP";
    public static final String CLICKHOUSE_URL = "FPI_CLICKHOUSE_URL";
    public static final String CLICKHOUSE_DATABASE = "FPI_CLICKHOUSE_DATABASE";
    public static final String CLICKHOUSE_USER = "FPI_CLICKHOUSE_USER";
    public static final String CLICKHOUSE_PASSWORD = "FPI_CLICKHOUSE_PASSWORD";
    public static final String CLICKHOUSE_BATCH_ROWS = "FPI_CLICKHOUSE_BATCH_ROWS";
    public static final String CLICKHOUSE_FLUSH_INTERVAL = "FPI_CLICKHOUSE_FLUSH_INTERVAL";
    public static final String CHECKPOINT_INTERVAL = "FPI_CHECKPOINT_INTERVAL";
    public static final String CHECKPOINT_DIR = "FPI_CHECKPOINT_DIR";
    public static final String MAX_OUT_OF_ORDERNESS = "FPI_MAX_OUT_OF_ORDERNESS";
    public static final String SOURCE_IDLENESS = "FPI_SOURCE_IDLENESS";
    public static final String TRACE_RETENTION = "FPI_TRACE_RETENTION";
    public static final String TRACE_IDLE_EXPIRY = "FPI_TRACE_IDLE_EXPIRY";
    public static final String JOB_PARALLELISM = "FPI_JOB_PARALLELISM";

    /** Every option this job reads, for argument validation and the usage message. */
    public static final List<String> OPTIONS = List.of(KAFKA_BOOTSTRAP, EVENTS_TOPIC, DLQ_TOPIC, CONSUMER_GROUP,
            CLICKHOUSE_URL, CLICKHOUSE_DATABASE, CLICKHOUSE_USER, CLICKHOUSE_PASSWORD, CLICKHOUSE_BATCH_ROWS,
            CLICKHOUSE_FLUSH_INTERVAL, CHECKPOINT_INTERVAL, CHECKPOINT_DIR, MAX_OUT_OF_ORDERNESS, SOURCE_IDLENESS,
            TRACE_RETENTION, TRACE_IDLE_EXPIRY, JOB_PARALLELISM);

    /** Defaults only (no environment): what the tests start from. */
    public static TraceJobConfig defaults() {
        return parse(new String[0], Map.of());
    }

    /** Program arguments override environment variables, which override the defaults. */
    public static TraceJobConfig parse(String[] args, Map<String, String> environment) {
        Env env = new Env(merge(args, environment));
        String url = env.getOrNull(CLICKHOUSE_URL);
        ClickHouseSink.Settings sink = ClickHouseSink.Settings.defaults().withBatching(
                env.getInt(CLICKHOUSE_BATCH_ROWS, ClickHouseSink.Settings.DEFAULT_BATCH_ROWS),
                env.getDuration(CLICKHOUSE_FLUSH_INTERVAL, ClickHouseSink.Settings.DEFAULT_FLUSH_INTERVAL));
        String parallelism = env.getOrNull(JOB_PARALLELISM);
        return new TraceJobConfig(
                env.get(KAFKA_BOOTSTRAP, "localhost:9092"),
                env.get(EVENTS_TOPIC, "fpi.events"),
                env.get(DLQ_TOPIC, "fpi.events.dlq"),
                env.get(CONSUMER_GROUP, "fpi-traces"),
                url == null ? null : ClickHouseEndpoint.fromEnv(env, url),
                sink,
                env.getDuration(CHECKPOINT_INTERVAL, Duration.ofSeconds(10)),
                env.getOrNull(CHECKPOINT_DIR),
                env.getDuration(MAX_OUT_OF_ORDERNESS, Duration.ofSeconds(30)),
                env.getDuration(SOURCE_IDLENESS, Duration.ofSeconds(30)),
                env.getDuration(TRACE_RETENTION, Duration.ofHours(24)),
                env.getDuration(TRACE_IDLE_EXPIRY, Duration.ofDays(30)),
                parallelism == null ? null : env.getInt(JOB_PARALLELISM, 1));
    }

    public ClickHouseEndpoint requireClickHouse() {
        if (clickhouse == null) {
            throw new IllegalArgumentException(CLICKHOUSE_URL + " (or --" + argName(CLICKHOUSE_URL)
                    + ") must point at ClickHouse's HTTP interface, e.g. http://localhost:8123");
        }
        return clickhouse;
    }

    public TraceJobConfig withClickHouse(ClickHouseEndpoint endpoint) {
        return new TraceJobConfig(kafkaBootstrap, eventsTopic, dlqTopic, consumerGroup, endpoint, clickhouseSink,
                checkpointInterval, checkpointDir, maxOutOfOrderness, sourceIdleness, traceRetention, traceIdleExpiry,
                parallelism);
    }

    /** FPI_KAFKA_BOOTSTRAP -> kafka.bootstrap */
    public static String argName(String option) {
        return option.substring("FPI_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private static Map<String, String> merge(String[] args, Map<String, String> environment) {
        Map<String, String> byArg = new HashMap<>();
        OPTIONS.forEach(o -> byArg.put(argName(o), o));
        Map<String, String> merged = new HashMap<>(environment);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a.startsWith("--") ? byArg.get(a.substring(2)) : null;
            if (name == null || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown or incomplete argument '" + a + "'; expected --name value with name one of "
                        + OPTIONS.stream().map(TraceJobConfig::argName).toList());
            }
            merged.put(name, args[++i]);
        }
        return merged;
    }

    @Override
    public String toString() {
        // the endpoint's own toString hides the password
        return "TraceJobConfig[kafka=" + kafkaBootstrap + ", topic=" + eventsTopic + ", dlq=" + dlqTopic + ", group="
                + consumerGroup + ", clickhouse=" + clickhouse + ", sink=" + clickhouseSink + ", checkpoint every "
                + checkpointInterval + " to " + (checkpointDir == null ? "(cluster default)" : checkpointDir)
                + ", outOfOrderness=" + maxOutOfOrderness + ", idleness=" + sourceIdleness + ", retention="
                + traceRetention + ", idleExpiry=" + traceIdleExpiry + ", parallelism="
                + (parallelism == null ? "(cluster default)" : parallelism) + "]";
    }
}
