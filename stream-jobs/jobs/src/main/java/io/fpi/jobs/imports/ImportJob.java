package io.fpi.jobs.imports;

import io.fpi.jobs.common.ClickHouseSink;
import io.fpi.jobs.common.Envelope;
import io.fpi.jobs.imports.functions.DeadLetterTally;
import io.fpi.jobs.imports.functions.LatestTraceVersion;
import io.fpi.jobs.imports.source.LogFileSource;
import io.fpi.jobs.traces.TraceJob;
import io.fpi.jobs.traces.TraceJobConfig;
import io.fpi.jobs.traces.TraceOutputs;
import io.fpi.jobs.traces.records.EventRowEncoder;
import io.fpi.jobs.traces.records.TraceRow;
import io.fpi.jobs.traces.records.TraceRowEncoder;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The import job: one bounded Flink job per imported file, running the trace job's own workflow
 * ({@link TraceJob#defineWorkflow}: the same dead-letter split, key, {@code TraceBuilder} and row
 * encoders) from a {@link LogFileSource} into the same ClickHouse tables, {@code events} and
 * {@code traces}. Imported orders are therefore indistinguishable from live ones except by their
 * dataset.
 *
 * <p>It runs in Flink's BATCH execution mode, which is what makes historical data safe:
 * <ul>
 *   <li>no watermarks advance while it runs, so no event is ever {@code TOO_LATE}, whatever its age
 *       and whatever the order of the file (XES traces are not globally time-ordered);</li>
 *   <li>the trace builder's input is sorted by key, so it holds one order's state at a time and
 *       clears it (its cleanup timers fire at the end of each key): memory does not grow with the
 *       number of cases, and sorting spills to disk beyond Flink's managed memory;</li>
 *   <li>the shuffle is blocking, so nothing reaches ClickHouse before the whole file has parsed:
 *       a malformed file fails the job with no row written;</li>
 *   <li>each order's rows form one run, so {@link LatestTraceVersion} writes one trace row per
 *       order instead of one per event.</li>
 * </ul>
 * Restarts are off: a parse error or a ClickHouse failure ends the import, and the command that
 * started it decides (roll back, or report what is missing).
 */
public final class ImportJob {
    public static final String JOB_NAME = "fpi-import";

    private ImportJob() {}

    /**
     * Sets batch mode and no restarts on {@code env} and adds the import of {@code spec} with its
     * ClickHouse sinks. The caller executes it.
     */
    public static void build(StreamExecutionEnvironment env, ImportSpec spec, ClickHouseEndpoint clickhouse,
                             ClickHouseSink.Settings sink) {
        configure(env);
        TraceOutputs out = defineWorkflow(env, new LogFileSource(spec), spec.observerId());
        out.events()
                .sinkTo(new ClickHouseSink<>(clickhouse, EventRowEncoder.TABLE, new EventRowEncoder(), sink))
                .name("clickhouse-events").uid("clickhouse-events");
        out.traces()
                .sinkTo(new ClickHouseSink<>(clickhouse, TraceRowEncoder.TABLE, new TraceRowEncoder(), sink))
                .name("clickhouse-traces").uid("clickhouse-traces");
        out.deadLetters()
                .sinkTo(new DeadLetterTally(spec.observerId()))
                .name("import-dead-letters").uid("import-dead-letters");
    }

    /**
     * The trace workflow over {@code source}, with each order's superseded trace rows dropped.
     * Watermark settings of the config do not matter in batch mode; retention and idle expiry only
     * schedule cleanup timers, which batch mode fires at the end of each key anyway.
     */
    public static TraceOutputs defineWorkflow(StreamExecutionEnvironment env, Source<Envelope, ?, ?> source,
                                              String observerId) {
        TraceOutputs out = TraceJob.defineWorkflow(env, source, TraceJobConfig.defaults());
        DataStream<TraceRow> latest = out.traces()
                .transform("latest-trace-version", TypeInformation.of(TraceRow.class), new LatestTraceVersion(observerId))
                .uid("latest-trace-version");
        return new TraceOutputs(out.events(), latest, out.deadLetters());
    }

    static void configure(StreamExecutionEnvironment env) {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        // No operator keeps a reference to a record after processing it (the trace builder keeps
        // primitives and interned strings, the sinks encode at once), so records need not be
        // deep-copied between chained operators: Avro's deep copy of every event was a hot spot.
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        env.configure(conf);
    }
}
