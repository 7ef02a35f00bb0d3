package io.fpi.launcher.bench;

import io.fpi.detection.job.FpiJob;
import io.fpi.detection.job.JobSinks;
import io.fpi.detection.sla.MonitorConfig;
import io.fpi.jobs.common.ClickHouseSink;
import io.fpi.jobs.common.DeadLetter;
import io.fpi.jobs.common.DeadLetterRecordSerializer;
import io.fpi.jobs.common.Envelope;
import io.fpi.jobs.common.EventTimeWatermarks;
import io.fpi.jobs.traces.TraceJob;
import io.fpi.jobs.traces.TraceJobConfig;
import io.fpi.jobs.traces.TraceOutputs;
import io.fpi.jobs.traces.functions.SplitDeadLetters;
import io.fpi.jobs.traces.functions.TraceBuilder;
import io.fpi.jobs.traces.records.EventRowEncoder;
import io.fpi.jobs.traces.records.TraceRowEncoder;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import io.fpi.runtime.config.Env;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import io.fpi.schemas.FulfillmentEvent;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.common.TopicPartition;

/**
 * B1, B2 and Full: Flink jobs over the benchmark topic on a local MiniCluster at the job's
 * parallelism, with the job's checkpointing (interval and mode) and the cluster config's heap state
 * backend. The Kafka source is bounded (from the earliest offsets to the latest at job start) and
 * uses a fresh consumer group per run (offsets committed on checkpoints, as in the job). See
 * {@link StageClock} for what the timed window covers.
 *
 * <ul>
 *   <li>B1 — pass-through: KafkaSource with the job's deserializer and watermarks → discarding sink.</li>
 *   <li>B2 — {@link TraceJob#defineWorkflow} (dead-letter split, keyBy, trace builder with its state
 *       and timers), every output into a discarding sink: the jobs without ClickHouse.</li>
 *   <li>Full — the same workflow with the sinks {@link TraceJob#build} attaches: ClickHouse
 *       {@code events} and {@code traces} (same encoders, batching and client) and the dead-letter
 *       topic.</li>
 *   <li>Full job — {@link FpiJob#wire}: the production detection job (trace builder, SLA/stall
 *       monitor, exception patterns, KPIs, findings) with all its sinks; its ClickHouse sinks are
 *       timed.</li>
 * </ul>
 */
final class FlinkStages {
    /**
     * TRACE_ONLY and FULL_JOB run with the bounded source's final watermark held back
     * ({@link HoldFinalWatermark}); B1, B2 and FULL as they always did.
     */
    enum Kind { B1, B2, FULL, TRACE_ONLY, FULL_JOB }

    private final String bootstrap;
    private final String dlqTopic;
    private final ClickHouseEndpoint clickHouse;
    private final TraceJobConfig job;
    private final int parallelism;
    private final Path checkpoints;
    private final CpuClock cpu;
    private final boolean noObjectReuse;
    private final Env fullJobEnv;
    private final MonitorConfig monitor;

    /**
     * @param noObjectReuse a what-if: without Flink's object reuse, which the jobs enable
     * @param fullJobEnv  the full job's FPI_* settings (findings topic, detector options)
     */
    FlinkStages(String bootstrap, String dlqTopic, ClickHouseEndpoint clickHouse, TraceJobConfig job, int parallelism,
                Path checkpoints, CpuClock cpu, boolean noObjectReuse, Env fullJobEnv) {
        this.bootstrap = bootstrap;
        this.dlqTopic = dlqTopic;
        this.clickHouse = clickHouse;
        this.job = job;
        this.parallelism = parallelism;
        this.checkpoints = checkpoints;
        this.cpu = cpu;
        this.noObjectReuse = noObjectReuse;
        this.fullJobEnv = fullJobEnv;
        this.monitor = FpiJob.monitorConfig(fullJobEnv);
    }

    FlinkStages withoutObjectReuse() {
        return new FlinkStages(bootstrap, dlqTopic, clickHouse, job, parallelism, checkpoints, cpu, true, fullJobEnv);
    }

    /** One timed run over {@code records} records of {@code topic}. */
    /** @param machineCores cores the whole machine was busy (ours and other processes') during the window */
    record Result(long records, double seconds, Map<String, Double> cpuSeconds, double machineCores) {
        double perSecond() {
            return records / seconds;
        }

        double cpuTotal() {
            return cpuSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        double cpuPerMillion() {
            return cpuTotal() / records * 1e6;
        }

        /** Cores this pipeline (the processes counted) kept busy on average. */
        double coresUsed() {
            return cpuTotal() / seconds;
        }
    }

    /**
     * One timed run over {@code topic} up to {@code stopAt} (partition to end offset; null: the latest
     * offsets), which holds {@code records} records.
     */
    Result run(Kind kind, String topic, Map<TopicPartition, Long> stopAt, long records, String runName) throws Exception {
        StreamExecutionEnvironment env = environment(runName);
        KafkaSource<Envelope> source = source(topic, "fpi-bench-" + runName, true, stopAt);
        int timedSinks = wire(env, kind, source, true);
        StageClock.reset(cpu, timedSinks * parallelism);
        JobClient client = env.executeAsync("fpi-bench-" + runName);
        CompletableFuture<JobExecutionResult> result = client.getJobExecutionResult();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(300, records / 2_000));
        while (!StageClock.awaitEnds(100)) {
            if (result.isDone()) {
                result.get(); // a failed job throws here
                break;
            }
            if (System.nanoTime() > deadline) {
                client.cancel().get(60, TimeUnit.SECONDS);
                throw new IllegalStateException(runName + " did not finish its input in time");
            }
        }
        CpuClock.Snapshot first = StageClock.first();
        CpuClock.Snapshot last = StageClock.last();
        stop(client, result);
        if (first == null || last == null) {
            throw new IllegalStateException(runName + " finished without reading a record; is the topic empty?");
        }
        return new Result(records, last.secondsSince(first), last.cpuSecondsSince(first), last.machineCoresSince(first));
    }

    /**
     * Starts Full on an unbounded source (earliest offsets of {@code topic}) and returns at once;
     * the caller cancels it. For the latency run.
     */
    JobClient startUnbounded(String topic, String runName) throws Exception {
        StreamExecutionEnvironment env = environment(runName);
        wire(env, Kind.FULL, source(topic, "fpi-bench-" + runName, false, null), false);
        return env.executeAsync("fpi-bench-" + runName);
    }

    /**
     * Adds the stage's operators; returns how many timed sinks (each at full parallelism) report the
     * end of input.
     */
    int wire(StreamExecutionEnvironment env, Kind kind, KafkaSource<Envelope> source, boolean timed) {
        if (kind == Kind.B1) {
            env.fromSource(source, EventTimeWatermarks.strategy(job.maxOutOfOrderness(), job.sourceIdleness()),
                            "events-source", Envelope.TYPE)
                    .uid("events-source")
                    .sinkTo(timed(new DiscardingSink<>(), timed)).name("discard").uid("discard");
            return 1;
        }
        if (kind == Kind.FULL_JOB) {
            // FpiJob.build without its checkpoint/restart settings and with this run's source; every
            // ClickHouse sink reports its end-of-input flush (the Kafka sinks, as in Full, are not timed)
            SingleOutputStreamOperator<FulfillmentEvent> split = heldSplit(env, source, monitor.idleAdvanceAfter());
            int[] timedSinks = {0};
            FpiJob.wire(split, job, fullJobEnv, monitor, new JobSinks() {
                @Override
                public <T> Sink<T> sink(String uid, Sink<T> sink) {
                    if (timed && sink instanceof ClickHouseSink) {
                        timedSinks[0]++;
                        return new TimedSink<>(sink);
                    }
                    return sink;
                }
            });
            return timedSinks[0];
        }
        TraceOutputs out;
        if (kind == Kind.TRACE_ONLY) {
            SingleOutputStreamOperator<FulfillmentEvent> split = heldSplit(env, source, null);
            out = TraceJob.outputs(split.getSideOutput(SplitDeadLetters.DEAD_LETTERS),
                    TraceJob.trace(split, new TraceBuilder(job.traceRetention(), job.traceIdleExpiry())));
        } else {
            out = TraceJob.defineWorkflow(env, source, job);
        }
        if (kind == Kind.B2) {
            out.events().sinkTo(timed(new DiscardingSink<>(), timed)).name("discard-events").uid("discard-events");
            out.traces().sinkTo(timed(new DiscardingSink<>(), timed)).name("discard-traces").uid("discard-traces");
            out.deadLetters().sinkTo(timed(new DiscardingSink<>(), timed)).name("discard-dead-letters")
                    .uid("discard-dead-letters");
            return 3;
        }
        // Full and trace-only: what TraceJob.build attaches (FullWiringTest keeps the two in step)
        ClickHouseSink.Settings settings = job.clickhouseSink();
        out.events()
                .sinkTo(timed(new ClickHouseSink<>(clickHouse, EventRowEncoder.TABLE, new EventRowEncoder(), settings), timed))
                .name("clickhouse-events").uid("clickhouse-events");
        out.traces()
                .sinkTo(timed(new ClickHouseSink<>(clickHouse, TraceRowEncoder.TABLE, new TraceRowEncoder(), settings), timed))
                .name("clickhouse-traces").uid("clickhouse-traces");
        out.deadLetters()
                .sinkTo(KafkaSink.<DeadLetter>builder()
                        .setBootstrapServers(bootstrap)
                        .setRecordSerializer(new DeadLetterRecordSerializer(dlqTopic))
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .build())
                .name("dead-letter-topic").uid("dead-letter-topic");
        return 2;
    }

    /** {@link TraceJob#readEvents} with the final watermark held back between the source and the split. */
    private SingleOutputStreamOperator<FulfillmentEvent> heldSplit(StreamExecutionEnvironment env, KafkaSource<Envelope> source,
                                                                   java.time.Duration idleAdvanceAfter) {
        return env
                .fromSource(source, EventTimeWatermarks.strategy(job.maxOutOfOrderness(), job.sourceIdleness(), idleAdvanceAfter),
                        "events-source", Envelope.TYPE)
                .uid("events-source")
                .transform(HoldFinalWatermark.UID, Envelope.TYPE, new HoldFinalWatermark<Envelope>()).uid(HoldFinalWatermark.UID)
                .process(new SplitDeadLetters())
                .name("split-dead-letters").uid("split-dead-letters");
    }

    private static <T> Sink<T> timed(Sink<T> sink, boolean timed) {
        return timed ? new TimedSink<>(sink) : sink;
    }

    KafkaSource<Envelope> source(String topic, String groupId, boolean bounded, Map<TopicPartition, Long> stopAt) {
        KafkaSourceBuilder<Envelope> b = KafkaSource.<Envelope>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new TimedDeserializer());
        if (bounded) {
            b.setBounded(stopAt == null ? OffsetsInitializer.latest() : OffsetsInitializer.offsets(stopAt));
        }
        return b.build();
    }

    private StreamExecutionEnvironment environment(String runName) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap"); // as infra/flink/config.yaml
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.resolve(runName).toUri().toString());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none"); // a benchmark fails loudly instead of retrying
        conf.set(RestOptions.BIND_PORT, "0"); // never collide with a demo's MiniCluster
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        env.enableCheckpointing(job.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        if (!noObjectReuse) {
            TraceJob.enableObjectReuse(env); // as TraceJob.configure does for both jobs
        }
        return env;
    }

    /**
     * Ends a run whose input is fully processed: cancelling skips the wait for the final checkpoint
     * that bounded jobs with checkpointing do before they finish, and that is no part of throughput.
     */
    private static void stop(JobClient client, CompletableFuture<JobExecutionResult> result) throws Exception {
        if (!result.isDone()) {
            try {
                client.cancel().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // finished on its own between the check and the cancel
            }
        }
        try {
            result.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // cancelled: expected
        }
    }
}
