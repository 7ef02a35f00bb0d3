package io.fpi.detection.job;

import io.fpi.detection.findings.FindingRecordSerializer;
import io.fpi.detection.findings.FindingRowEncoder;
import io.fpi.detection.kpi.KpiSettings;
import io.fpi.detection.kpi.KpiStreams;
import io.fpi.detection.kpi.KpiTopology;
import io.fpi.detection.kpi.records.KpiMinuteRowEncoder;
import io.fpi.detection.nodes.NodeStageMonitoring;
import io.fpi.detection.patterns.ExceptionPatterns;
import io.fpi.detection.patterns.PatternConfig;
import io.fpi.detection.patterns.PatternOutputs;
import io.fpi.detection.patterns.records.WindowCountRowEncoder;
import io.fpi.detection.sla.MonitorConfig;
import io.fpi.detection.sla.MonitorOutputs;
import io.fpi.detection.sla.MonitoredTraceBuilder;
import io.fpi.detection.sla.OrderMonitor;
import io.fpi.detection.sla.OrderMonitoring;
import io.fpi.jobs.common.ClickHouseSink;
import io.fpi.jobs.common.DeadLetter;
import io.fpi.jobs.traces.TraceJob;
import io.fpi.jobs.traces.TraceJobConfig;
import io.fpi.jobs.traces.TraceOutputs;
import io.fpi.jobs.traces.functions.SplitDeadLetters;
import io.fpi.jobs.traces.records.EventRowEncoder;
import io.fpi.jobs.traces.records.TraceRow;
import io.fpi.jobs.traces.records.TraceRowEncoder;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import io.fpi.runtime.config.Env;
import io.fpi.runtime.migrations.Migrations;
import io.fpi.schemas.Finding;
import io.fpi.schemas.FindingCodec;
import io.fpi.schemas.FulfillmentEvent;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FPI's full streaming job: the trace workflow plus every detector and the KPI and process
 * operators, in one job so that they share one source, one watermark and one checkpoint (a
 * restore rewinds all tables together). Options: every trace-job option ({@link TraceJobConfig})
 * plus
 * <table>
 *   <caption>detection options</caption>
 *   <tr><th>variable</th><th>argument</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #FINDINGS_TOPIC}</td><td>--findings.topic</td><td>fpi.findings</td><td>topic findings are published to</td></tr>
 *   <tr><td>FPI_PATTERN_*</td><td></td><td>see PATTERNS.md</td><td>exception pattern windows and rules</td></tr>
 *   <tr><td>FPI_KPI_*</td><td></td><td>see KPIS.md</td><td>KPI lateness and expiry</td></tr>
 * </table>
 */
public final class FpiJob {
    private static final Logger LOG = LoggerFactory.getLogger(FpiJob.class);

    public static final String JOB_NAME = "fpi";
    public static final String FINDINGS_TOPIC = "FPI_FINDINGS_TOPIC";
    static final int DEFAULT_IDLE_ADVANCE_AFTER_S = 60;

    private FpiJob() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> vars = new HashMap<>(System.getenv());
        String[] traceArgs = DetectionArgs.extract(args, vars);
        Env env = new Env(vars);
        TraceJobConfig config = TraceJobConfig.parse(traceArgs, vars);
        ClickHouseEndpoint clickhouse = config.requireClickHouse();
        int applied = Migrations.apply(new ClickHouseClient(clickhouse));
        LOG.info("starting {} with {} ({} ClickHouse migrations applied)", JOB_NAME, config, applied);
        StreamExecutionEnvironment flink = StreamExecutionEnvironment.getExecutionEnvironment();
        build(flink, config, env);
        flink.execute(JOB_NAME);
    }

    /** Adds the whole job to {@code flink} with its real Kafka source and sinks; the caller executes it. */
    public static void build(StreamExecutionEnvironment flink, TraceJobConfig config, Env env) {
        TraceJob.configure(flink, config);
        MonitorConfig monitor = monitorConfig(env);
        wire(TraceJob.readEvents(flink, TraceJob.kafkaSource(config), config, monitor.idleAdvanceAfter()), config, env,
                monitor, JobSinks.AS_IS);
    }

    /**
     * The job's operators and sinks behind {@code split}, the split-dead-letters operator (its side
     * output {@code SplitDeadLetters.DEAD_LETTERS} goes to the dead-letter topic): what
     * {@link #build} runs, with every sink passed through {@code sinks} first. Without
     * checkpointing and restart settings ({@link TraceJob#configure}).
     */
    public static void wire(SingleOutputStreamOperator<FulfillmentEvent> split, TraceJobConfig config, Env env,
                            MonitorConfig monitor, JobSinks sinks) {
        wire(split, split.getSideOutput(SplitDeadLetters.DEAD_LETTERS), config, env, monitor, sinks);
    }

    /**
     * The same from any stream of decoded events with event-time timestamps and watermarks.
     *
     * @param deadLetters dead letters from before {@code events}, or null
     */
    public static void wire(DataStream<FulfillmentEvent> events, DataStream<DeadLetter> deadLetters, TraceJobConfig config,
                            Env env, MonitorConfig monitor, JobSinks sinks) {
        ClickHouseEndpoint clickhouse = config.requireClickHouse();
        ClickHouseSink.Settings settings = config.clickhouseSink();
        // the order monitor runs inside the trace builder's operator: one key, one timer, one shuffle per order
        SingleOutputStreamOperator<TraceRow> traced = TraceJob.trace(events,
                new MonitoredTraceBuilder(config.traceRetention(), config.traceIdleExpiry(), monitor));
        TraceOutputs traces = TraceJob.outputs(deadLetters, traced);
        sink(traces.events(), sinks, "clickhouse-events",
                new ClickHouseSink<>(clickhouse, EventRowEncoder.TABLE, new EventRowEncoder(), settings));
        sink(traces.traces(), sinks, "clickhouse-traces",
                new ClickHouseSink<>(clickhouse, TraceRowEncoder.TABLE, new TraceRowEncoder(), settings));
        sink(traces.deadLetters(), sinks, "dead-letter-topic", TraceJob.deadLetterSink(config));

        DataStream<Finding> blockedStages = NodeStageMonitoring.attach(traces.events(), monitor.stallRules());
        PatternOutputs patterns = ExceptionPatterns.attach(traces.events(), PatternConfig.fromEnv(env));
        Detections detections = new Detections(traced.getSideOutput(MonitoredTraceBuilder.FINDINGS)
                .union(blockedStages, patterns.findings()), traced.getSideOutput(OrderMonitor.SLA_OUTCOMES), patterns.windows());
        KpiStreams kpis = KpiTopology.define(traces, detections.slaOutcomes(), KpiSettings.from(env));
        sink(kpis.minuteRows(), sinks, "clickhouse-kpi-minute",
                new ClickHouseSink<>(clickhouse, KpiMinuteRowEncoder.TABLE, new KpiMinuteRowEncoder(), settings));
        sink(detections.patternWindows(), sinks, ExceptionPatterns.WINDOWS_SINK_UID,
                new ClickHouseSink<>(clickhouse, WindowCountRowEncoder.TABLE, new WindowCountRowEncoder(), settings));
        sink(detections.findings(), sinks, "clickhouse-findings",
                new ClickHouseSink<>(clickhouse, FindingRowEncoder.TABLE, new FindingRowEncoder(), settings));
        sink(detections.findings(), sinks, "findings-topic",
                findingsTopic(config.kafkaBootstrap(), env.get(FINDINGS_TOPIC, FindingCodec.TOPIC)));
    }

    /** Name and uid are the same string for every sink of the job. */
    private static <T> void sink(DataStream<T> stream, JobSinks sinks, String uid, Sink<T> sink) {
        stream.sinkTo(sinks.sink(uid, sink)).name(uid).uid(uid);
    }

    /**
     * The detectors over the trace workflow's outputs, without sinks, with the order monitor as an
     * operator of its own behind a second keyBy (tests and jobs built on {@link TraceJob#defineWorkflow};
     * {@link #wire} runs it inside the trace builder instead).
     */
    public static Detections attachDetections(TraceOutputs traces, Env env, MonitorConfig monitor) {
        MonitorOutputs orders = OrderMonitoring.attach(traces.events(), monitor);
        DataStream<Finding> blockedStages = NodeStageMonitoring.attach(traces.events(), monitor.stallRules());
        PatternOutputs patterns = ExceptionPatterns.attach(traces.events(), PatternConfig.fromEnv(env));
        return new Detections(orders.findings().union(blockedStages, patterns.findings()), orders.slaOutcomes(),
                patterns.windows());
    }

    /**
     * A live job advances event time with the wall clock once every partition has been quiet for
     * {@value #DEFAULT_IDLE_ADVANCE_AFTER_S} s (unless FPI_IDLE_ADVANCE_AFTER says otherwise), so
     * stalls and breaches are still detected when all input stops; see SLA_AND_STALLS.md.
     */
    public static MonitorConfig monitorConfig(Env env) {
        Map<String, String> vars = new HashMap<>(env.asMap());
        vars.putIfAbsent(MonitorConfig.IDLE_ADVANCE_AFTER, DEFAULT_IDLE_ADVANCE_AFTER_S + "s");
        return MonitorConfig.fromEnv(vars);
    }

    static KafkaSink<Finding> findingsTopic(String bootstrap, String topic) {
        // At-least-once: findings carry deterministic ids, and consumers (webhooks) de-duplicate by
        // them; transactions would hold every finding back until the next checkpoint.
        return KafkaSink.<Finding>builder()
                .setBootstrapServers(bootstrap)
                .setRecordSerializer(new FindingRecordSerializer(topic))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
