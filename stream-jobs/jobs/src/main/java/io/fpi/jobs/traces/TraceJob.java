package io.fpi.jobs.traces;

import io.fpi.jobs.common.ClickHouseSink;
import io.fpi.jobs.common.DeadLetter;
import io.fpi.jobs.common.DeadLetterRecordSerializer;
import io.fpi.jobs.common.Envelope;
import io.fpi.jobs.common.EnvelopeDeserializer;
import io.fpi.jobs.common.EventTimeWatermarks;
import io.fpi.jobs.traces.functions.SplitDeadLetters;
import io.fpi.jobs.traces.functions.TraceBuilder;
import io.fpi.jobs.traces.functions.TraceKeySelector;
import io.fpi.jobs.traces.records.EventRowEncoder;
import io.fpi.jobs.traces.records.TraceRow;
import io.fpi.jobs.traces.records.TraceRowEncoder;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import io.fpi.runtime.migrations.Migrations;
import io.fpi.schemas.FulfillmentEvent;
import java.time.Duration;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trace job: fulfillment events from Kafka in, each order's trace rebuilt in event time,
 * raw events and traces out to ClickHouse, malformed or too-late records out to a dead-letter topic.
 *
 * <pre>
 *   flink run -c io.fpi.jobs.traces.TraceJob stream-jobs/jobs/target/fpi-jobs-0.1.0-SNAPSHOT-job.jar \
 *       --kafka.bootstrap kafka:9092 --clickhouse.url http://clickhouse:8123
 * </pre>
 *
 * <p>Options (environment variable, or program argument {@code --name value} as listed; arguments win):
 * <table>
 *   <caption>Trace job options</caption>
 *   <tr><th>Variable</th><th>Argument</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@value TraceJobConfig#KAFKA_BOOTSTRAP}</td><td>--kafka.bootstrap</td><td>localhost:9092</td><td>Kafka bootstrap servers</td></tr>
 *   <tr><td>{@value TraceJobConfig#EVENTS_TOPIC}</td><td>--events.topic</td><td>fpi.events</td><td>input topic (key dataset/order_id, Avro single-object value)</td></tr>
 *   <tr><td>{@value TraceJobConfig#DLQ_TOPIC}</td><td>--dlq.topic</td><td>fpi.events.dlq</td><td>dead-letter topic</td></tr>
 *   <tr><td>{@value TraceJobConfig#CONSUMER_GROUP}</td><td>--consumer.group</td><td>fpi-traces</td><td>Kafka consumer group (offsets committed on checkpoints, for monitoring)</td></tr>
 *   <tr><td>{@value TraceJobConfig#CLICKHOUSE_URL}</td><td>--clickhouse.url</td><td>(required)</td><td>ClickHouse HTTP interface</td></tr>
 *   <tr><td>{@value TraceJobConfig#CLICKHOUSE_DATABASE}</td><td>--clickhouse.database</td><td>fpi</td><td>database; created by the migrations</td></tr>
 *   <tr><td>{@value TraceJobConfig#CLICKHOUSE_USER} / {@value TraceJobConfig#CLICKHOUSE_PASSWORD}</td><td>--clickhouse.user / --clickhouse.password</td><td>default / ""</td><td>login (prefer the variable for the password)</td></tr>
 *   <tr><td>{@value TraceJobConfig#CLICKHOUSE_BATCH_ROWS}</td><td>--clickhouse.batch.rows</td><td>20000</td><td>rows per insert</td></tr>
 *   <tr><td>{@value TraceJobConfig#CLICKHOUSE_FLUSH_INTERVAL}</td><td>--clickhouse.flush.interval</td><td>1s</td><td>longest a row waits in the sink buffer</td></tr>
 *   <tr><td>{@value TraceJobConfig#CHECKPOINT_INTERVAL}</td><td>--checkpoint.interval</td><td>10s</td><td>exactly-once checkpoints; also the longest replay after a failure</td></tr>
 *   <tr><td>{@value TraceJobConfig#CHECKPOINT_DIR}</td><td>--checkpoint.dir</td><td>(cluster config)</td><td>checkpoint storage URI, e.g. file:///data/checkpoints</td></tr>
 *   <tr><td>{@value TraceJobConfig#MAX_OUT_OF_ORDERNESS}</td><td>--max.out.of.orderness</td><td>30s</td><td>watermark lag behind the newest event time</td></tr>
 *   <tr><td>{@value TraceJobConfig#SOURCE_IDLENESS}</td><td>--source.idleness</td><td>30s</td><td>a partition silent this long stops holding the watermark back</td></tr>
 *   <tr><td>{@value TraceJobConfig#TRACE_RETENTION}</td><td>--trace.retention</td><td>24h</td><td>state of a closed order is kept this long after closing (event time); also the late-data horizon</td></tr>
 *   <tr><td>{@value TraceJobConfig#TRACE_IDLE_EXPIRY}</td><td>--trace.idle.expiry</td><td>30d</td><td>state of an order that never closes is dropped this long after its last event</td></tr>
 *   <tr><td>{@value TraceJobConfig#JOB_PARALLELISM}</td><td>--job.parallelism</td><td>(cluster default)</td><td>parallelism of every operator</td></tr>
 * </table>
 * Durations take 250ms, 30s, 5m, 24h, 30d or ISO-8601 (PT30S).
 */
public final class TraceJob {
    private static final Logger LOG = LoggerFactory.getLogger(TraceJob.class);

    public static final String JOB_NAME = "fpi-traces";
    /** Fixed-delay restarts: wait this long, then restore from the last completed checkpoint. */
    static final Duration RESTART_DELAY = Duration.ofSeconds(10);

    private TraceJob() {}

    public static void main(String[] args) throws Exception {
        TraceJobConfig config = TraceJobConfig.parse(args, System.getenv());
        ClickHouseEndpoint clickhouse = config.requireClickHouse();
        int applied = Migrations.apply(new ClickHouseClient(clickhouse));
        LOG.info("starting {} with {} ({} ClickHouse migrations applied)", JOB_NAME, config, applied);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(env, config);
        env.execute(JOB_NAME);
    }

    /**
     * Configures checkpointing and restarts on {@code env} and adds the job with its real Kafka
     * source and ClickHouse / dead-letter sinks. The caller executes it (the local launcher uses
     * {@code env.executeAsync()}). Requires {@link TraceJobConfig#clickhouse()}.
     */
    public static void build(StreamExecutionEnvironment env, TraceJobConfig config) {
        ClickHouseEndpoint clickhouse = config.requireClickHouse();
        configure(env, config);
        TraceOutputs out = defineWorkflow(env, kafkaSource(config), config);
        writeToClickHouse(out, clickhouse, config.clickhouseSink());
        out.deadLetters()
                .sinkTo(deadLetterSink(config))
                .name("dead-letter-topic").uid("dead-letter-topic");
    }

    /** Raw events into table events, trace upserts into table traces. */
    public static void writeToClickHouse(TraceOutputs out, ClickHouseEndpoint clickhouse, ClickHouseSink.Settings settings) {
        out.events()
                .sinkTo(new ClickHouseSink<>(clickhouse, EventRowEncoder.TABLE, new EventRowEncoder(), settings))
                .name("clickhouse-events").uid("clickhouse-events");
        out.traces()
                .sinkTo(new ClickHouseSink<>(clickhouse, TraceRowEncoder.TABLE, new TraceRowEncoder(), settings))
                .name("clickhouse-traces").uid("clickhouse-traces");
    }

    /**
     * The testable core: envelopes from {@code source} (watermarked per source split, i.e. per
     * Kafka partition), split into events and dead letters, keyed by order, traced.
     */
    public static TraceOutputs defineWorkflow(StreamExecutionEnvironment env, Source<Envelope, ?, ?> source,
                                              TraceJobConfig config) {
        return defineWorkflow(env, source, config, null);
    }

    /**
     * The same, with the watermark advancing with the wall clock after {@code idleAdvanceAfter} of
     * silence on every partition ({@link io.fpi.jobs.common.IdleAdvancingWatermarks}; env
     * {@code FPI_IDLE_ADVANCE_AFTER}): for live jobs whose stall and SLA timers must fire while
     * nothing arrives. Null = off, as for bounded imports and replays.
     */
    public static TraceOutputs defineWorkflow(StreamExecutionEnvironment env, Source<Envelope, ?, ?> source,
                                              TraceJobConfig config, Duration idleAdvanceAfter) {
        SingleOutputStreamOperator<FulfillmentEvent> events = readEvents(env, source, config, idleAdvanceAfter);
        return outputs(events.getSideOutput(SplitDeadLetters.DEAD_LETTERS),
                trace(events, new TraceBuilder(config.traceRetention(), config.traceIdleExpiry())));
    }

    /**
     * The source, watermarked per source split (i.e. per Kafka partition), split into decoded events
     * (main output) and dead letters (side output {@link SplitDeadLetters#DEAD_LETTERS}).
     */
    public static SingleOutputStreamOperator<FulfillmentEvent> readEvents(StreamExecutionEnvironment env,
                                                                          Source<Envelope, ?, ?> source,
                                                                          TraceJobConfig config, Duration idleAdvanceAfter) {
        return env
                .fromSource(source, EventTimeWatermarks.strategy(config.maxOutOfOrderness(), config.sourceIdleness(),
                                idleAdvanceAfter), "events-source", Envelope.TYPE)
                .uid("events-source")
                .process(new SplitDeadLetters())
                .name("split-dead-letters").uid("split-dead-letters");
    }

    /**
     * Keys {@code events} by order and runs {@code builder} on them (uid {@code trace-builder}): the
     * plain {@link TraceBuilder}, or a subclass that keeps more per-order state under the same key
     * and timer (the full job's monitored trace builder).
     */
    public static SingleOutputStreamOperator<TraceRow> trace(DataStream<FulfillmentEvent> events, TraceBuilder builder) {
        return events
                .keyBy(new TraceKeySelector())
                .process(builder)
                .name("trace-builder").uid("trace-builder");
    }

    /**
     * The workflow's outputs from the trace builder's operator.
     *
     * @param splitDeadLetters the split's dead letters, or null for inputs that have none
     */
    public static TraceOutputs outputs(DataStream<DeadLetter> splitDeadLetters, SingleOutputStreamOperator<TraceRow> traces) {
        DataStream<DeadLetter> tooLate = traces.getSideOutput(TraceBuilder.TOO_LATE);
        DataStream<DeadLetter> deadLetters = splitDeadLetters == null ? tooLate : splitDeadLetters.union(tooLate);
        return new TraceOutputs(traces.getSideOutput(TraceBuilder.EVENTS), traces, deadLetters,
                traces.getSideOutput(TraceBuilder.ORDER_CHANGES));
    }

    /** Checkpointing, restarts and parallelism shared by every job built on the trace workflow. */
    public static void configure(StreamExecutionEnvironment env, TraceJobConfig config) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        // a streaming job keeps trying: an outage of ClickHouse or Kafka must not end it for good
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, RESTART_DELAY);
        // keep the last checkpoint when the job is cancelled, so it can be resumed with flink run -s
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (config.checkpointDir() != null) {
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointDir());
        }
        env.configure(conf);
        enableObjectReuse(env);
        env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        if (config.parallelism() != null) {
            env.setParallelism(config.parallelism());
        }
    }

    /**
     * Flink's object reuse for the streaming jobs built on the trace workflow: without it every record
     * handed to a chained operator is deep-copied first (each event to the events sink and the pattern
     * filter, each trace row, order change and finding to its consumers; 6-19% of the trace job's
     * CPU in infra/PERFORMANCE.md's profiles). Safe because no operator of these jobs keeps or
     * mutates a record it was given or reuses one it emitted: records arriving over the network are
     * fresh objects, the sinks encode each record when they get it, the KPI aggregator emits copies of
     * its state, and every other function builds new output objects.
     */
    public static void enableObjectReuse(StreamExecutionEnvironment env) {
        env.getConfig().enableObjectReuse();
    }

    public static KafkaSource<Envelope> kafkaSource(TraceJobConfig config) {
        return KafkaSource.<Envelope>builder()
                .setBootstrapServers(config.kafkaBootstrap())
                .setTopics(config.eventsTopic())
                .setGroupId(config.consumerGroup())
                // first start: from the beginning of the topic; afterwards the checkpoint decides
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new EnvelopeDeserializer())
                .build();
    }

    public static KafkaSink<DeadLetter> deadLetterSink(TraceJobConfig config) {
        // At-least-once: a dead letter may appear twice after a restore; transactions (exactly-once)
        // would hold DLQ records back until the next checkpoint for no benefit to a human reader.
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(config.kafkaBootstrap())
                .setRecordSerializer(new DeadLetterRecordSerializer(config.dlqTopic()))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
