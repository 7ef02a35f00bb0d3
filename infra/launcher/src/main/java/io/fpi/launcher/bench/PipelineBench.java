package io.fpi.launcher.bench;

import io.fpi.detection.job.FpiJob;
import io.fpi.jobs.traces.TraceJobConfig;
import io.fpi.launcher.bench.BenchOptions.Stage;
import io.fpi.runtime.config.Env;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bin/fpi bench pipeline}: fills one topic with simulated events, then measures each stage
 * over the same topic contents (B0 → B1 → B2 → B3 → Full, then latency and state size), printing
 * each figure as soon as it is known. A stage that fails is reported and the others still run.
 */
final class PipelineBench {
    static final String DATASET = "bench";
    static final long SEED = 42;
    static final long WARMUP_RECORDS = 100_000;

    private final BenchOptions options;
    private final Env env;
    private final BenchReport report;
    private BenchServices services;
    private CpuClock cpu;
    private TraceJobConfig job;
    private Env fullJobEnv;
    private FlinkStages flink;
    private String topic;
    private TopicFill.Result fill;
    private TopicOffsets offsets;
    private InsertBatches batches;
    private boolean failed;

    PipelineBench(BenchOptions options, Env env, BenchReport report) {
        this.options = options;
        this.env = env;
        this.report = report;
    }

    /** Returns true when every requested stage produced its figures. */
    boolean run() throws Exception {
        describeRun();
        long t0 = System.nanoTime();
        services = BenchServices.start(env);
        try {
            setUp();
            stage(Stage.B0, this::b0);
            stage(Stage.B1, () -> flinkStage(Stage.B1, FlinkStages.Kind.B1, "b1_events_per_s", "KafkaSource → decode → discarding sink"));
            stage(Stage.B2, () -> flinkStage(Stage.B2, FlinkStages.Kind.B2, "b2_events_per_s", "trace job without ClickHouse: decode, split, keyBy, trace builder state and timers, discarding sinks"));
            stage(Stage.B3, this::b3);
            stage(Stage.FULL, this::full);
            stage(Stage.FULL_JOB, this::fullJob);
            if (options.objectReuse() && options.stages().contains(Stage.FULL)) {
                guarded("what-if no object reuse", this::fullWithoutObjectReuse);
            }
            if (options.profile() != null && options.stages().contains(Stage.FULL)) {
                guarded("profile", this::profile);
            }
            if (options.profile() != null && options.stages().contains(Stage.FULL_JOB)) {
                guarded("profile full job", this::profileFullJob);
            }
            stage(Stage.LATENCY, this::latency);
            stage(Stage.MEMORY, this::memory);
            stage(Stage.FULL_JOB_MEMORY, this::fullJobMemory);
            Figures.ratios(report);
        } finally {
            services.close();
        }
        report.machine("load_average_at_end", MachineInfo.loadAverage());
        report.detail(String.format(Locale.ROOT, "bench pipeline took %.0f s", (System.nanoTime() - t0) / 1e9));
        return !failed;
    }

    private void describeRun() {
        MachineInfo.describe().forEach(report::machine);
        report.config("events", options.events());
        report.config("repetitions", options.repetitions());
        report.config("warmup", options.warmup());
        report.config("parallelism", options.parallelism());
        report.config("stages", options.stages().toString().toLowerCase(Locale.ROOT));
        report.config("simulator", "dataset " + DATASET + ", seed " + SEED + ", unpaced, default retailer and noise"
                + " (2% out of order, 1% duplicates, 0.2% malformed)");
        report.detail("machine: " + MachineInfo.describe());
    }

    private void setUp() throws Exception {
        cpu = new CpuClock(services.pids());
        report.machine("clickhouse", (services.localClickHouse() ? "local " : "external ") + services.client().version());
        report.machine("kafka", services.localKafka() ? "embedded broker (child JVM)" : "external " + services.kafkaBootstrap());
        report.config("cpu_counted", "this JVM" + (cpu.pids().isEmpty() ? "" : " + " + String.join(" + ", cpu.pids().keySet())));
        services.recreateDatabase();
        topic = services.createTopic("fpi.bench.events", options.parallelism());
        String dlq = services.createTopic("fpi.bench.dlq", 1);
        // Findings carry their detected_at (event time) as record timestamp, and the unpaced benchmark
        // topic's events lie hours ahead of the wall clock: a CreateTime topic would reject them
        // (message.timestamp.after.max.ms, 1 h), so the broker stamps them instead.
        String findings = services.createTopic("fpi.bench.findings", options.parallelism(),
                Map.of("message.timestamp.type", "LogAppendTime"));
        job = TraceJobConfig.parse(new String[] {"--kafka.bootstrap", services.kafkaBootstrap(), "--dlq.topic", dlq}, env.asMap())
                .withClickHouse(services.clickHouse());
        report.config("job", job.toString());
        Map<String, String> fullJobVars = new java.util.HashMap<>(env.asMap());
        fullJobVars.put(FpiJob.FINDINGS_TOPIC, findings);
        fullJobEnv = new Env(fullJobVars);
        flink = new FlinkStages(services.kafkaBootstrap(), dlq, services.clickHouse(), job, options.parallelism(),
                services.dir().resolve("checkpoints"), cpu, false, fullJobEnv);
        boolean needRows = options.stages().contains(Stage.B3);
        batches = new InsertBatches(needRows ? options.b3Rows() : 0, job.clickhouseSink().batchRows());
        fill = TopicFill.fill(services.kafkaBootstrap(), topic, TopicFill.retailer(DATASET, SEED), options.events(), batches);
        batches.finish();
        report.detail(String.format(Locale.ROOT, "topic %s: %d records (%d distinct events, %d duplicates, %d malformed)"
                        + " written in %.1f s", topic, fill.records(), fill.distinctEvents(), fill.duplicates(), fill.malformed(),
                fill.seconds()));
        if (fill.records() < options.events()) {
            throw new IllegalStateException("the simulator ended after " + fill.records() + " records");
        }
        offsets = TopicOffsets.of(services.kafkaBootstrap(), topic);
        if (offsets.records() != fill.records()) {
            throw new IllegalStateException("topic holds " + offsets.records() + " records, " + fill.records() + " were sent");
        }
    }

    private void b0() throws Exception {
        ConsumeDecodeBench b0 = new ConsumeDecodeBench(services.kafkaBootstrap(), topic, options.parallelism());
        List<ConsumeDecodeBench.Result> rs = Repeat.measure(report, "b0", options.warmup(), options.repetitions(),
                i -> b0.run("fpi-bench-b0-" + services.runId() + "-" + i),
                r -> String.format(Locale.ROOT, "%d records (%d undecodable) in %.2f s = %.0f events/s", r.records(),
                        r.undecodable(), r.seconds(), r.perSecond()));
        report.add(Figures.of("b0_events_per_s", "events/s", 0, "plain KafkaConsumers (one per partition group, as many as"
                + " the job's parallelism) + Avro decoding with reused decoder and record", rs, ConsumeDecodeBench.Result::perSecond));
    }

    private void flinkStage(Stage stage, FlinkStages.Kind kind, String name, String meaning) throws Exception {
        String s = stage.name().toLowerCase(Locale.ROOT);
        List<FlinkStages.Result> rs = Repeat.measure(report, s, options.warmup(), options.repetitions(),
                i -> flinkRun(flink, kind, s, i), Figures::describe);
        report.add(Figures.of(name, "events/s", 0, meaning, rs, FlinkStages.Result::perSecond));
    }

    /**
     * One Flink run; warm-ups (negative index) read only a prefix of the topic (a fifth, at least
     * {@link #WARMUP_RECORDS} records): enough to compile the hot paths, without doubling the
     * stage's time.
     */
    private FlinkStages.Result flinkRun(FlinkStages stages, FlinkStages.Kind kind, String name, int i) throws Exception {
        String run = name + "-" + services.runId() + (i < 0 ? "-warmup" + (-i) : "-" + i);
        if (i >= 0) {
            return stages.run(kind, topic, null, fill.records(), run);
        }
        var stopAt = offsets.prefix(Math.max(WARMUP_RECORDS, fill.records() / 5));
        return stages.run(kind, topic, stopAt, TopicOffsets.count(stopAt, offsets.begin()), run);
    }

    private void b3() throws Exception {
        ClickHouseInsertBench b3 = new ClickHouseInsertBench(services.clickHouse(), batches, options.parallelism(),
                job.clickhouseSink().requestTimeout());
        report.detail(String.format(Locale.ROOT, "b3: %d trace rows in %d batches (%.1f MB of JSONEachRow), %d insert threads;"
                        + " %.0f%% of the trace rows are replaced by a later version of the same order in the same batch",
                batches.rows(), batches.traceBatches().size(), batches.traceBytes() / 1e6, options.parallelism(),
                100.0 * batches.supersededWithinBatch() / Math.max(1, batches.rows())));
        List<ClickHouseInsertBench.Result> traces = Repeat.measure(report, "b3 traces", options.warmup(), options.repetitions(),
                i -> b3.traces(), r -> String.format(Locale.ROOT, "%d rows in %.2f s = %.0f rows/s", r.rows(), r.seconds(), r.perSecond()));
        report.add(Figures.of("b3_rows_per_s", "rows/s", 0, "pre-built trace-row batches through ClickHouseClient.insertJsonEachRow"
                + " (the sink's client and format), as many threads as the job's sink subtasks", traces, ClickHouseInsertBench.Result::perSecond));
        List<ClickHouseInsertBench.Result> both = Repeat.measure(report, "b3 traces+events", 0, options.repetitions(),
                i -> b3.tracesAndEvents(), r -> String.format(Locale.ROOT, "%d events (a trace row and an event row each) in %.2f s = %.0f events/s",
                        r.rows(), r.seconds(), r.perSecond()));
        report.add(Figures.of("b3_combined_events_per_s", "events/s", 0, "trace rows and event rows inserted together as the job"
                + " writes them (one of each per distinct event)", both, ClickHouseInsertBench.Result::perSecond));
        batches = null; // hundreds of MB that the memory stage must not count
    }

    private void full() throws Exception {
        fullFigures(fullRuns(flink, "full"));
    }

    private void fullFigures(List<FlinkStages.Result> rs) {
        report.add(Figures.of("full_events_per_s", "events/s", 0, "the trace job with its ClickHouse and dead-letter sinks,"
                + " first record read to last row inserted", rs, FlinkStages.Result::perSecond));
        report.add(Figures.of("full_cpu_s_per_million", "cpu-s/M events", 1, "CPU seconds per million events: "
                + String.join(" + ", cpuParts()) + ", over Full's timed window", rs, FlinkStages.Result::cpuPerMillion));
        report.add(Figures.of("full_cores_used", "cores", 2, "cores Full's processes (" + String.join(" + ", cpuParts())
                + ") kept busy during its window", rs, FlinkStages.Result::coresUsed));
        report.add(Figures.of("full_machine_busy_cores", "cores", 2, "cores busy machine-wide during Full's window, other"
                + " processes on this machine included: shows how much of the machine Full had", rs, FlinkStages.Result::machineCores));
        for (String part : cpuParts()) {
            report.detail(String.format(Locale.ROOT, "full cpu %s: %.1f cpu-s/M events (median)", part,
                    Summary.of(rs.stream().mapToDouble(r -> r.cpuSeconds().getOrDefault(part, 0.0) / r.records() * 1e6).toArray()).median()));
        }
    }

    private List<FlinkStages.Result> fullRuns(FlinkStages stages, String name) throws Exception {
        return Repeat.measure(report, name, options.warmup(), options.repetitions(),
                i -> checkedRun(stages, FlinkStages.Kind.FULL, name, i), Figures::describe);
    }

    /** One run into a fresh database; a measured run must leave exactly the distinct events in table events. */
    private FlinkStages.Result checkedRun(FlinkStages stages, FlinkStages.Kind kind, String name, int i) throws Exception {
        services.recreateDatabase();
        FlinkStages.Result r = flinkRun(stages, kind, name, i);
        if (i > 0) {
            long rows = services.client().queryOne("SELECT count() AS n FROM events").get("n").asLong();
            report.detail(name + ": ClickHouse holds " + rows + " event rows (expected " + fill.distinctEvents() + ")");
            if (rows != fill.distinctEvents()) {
                report.note(name + " wrote " + rows + " event rows, expected " + fill.distinctEvents());
            }
            if (kind == FlinkStages.Kind.FULL_JOB) {
                StringBuilder counts = new StringBuilder(name + ": rows written besides events:");
                for (String table : List.of("traces", "findings", "kpi_minute", "exception_windows")) {
                    counts.append(' ').append(table).append(' ')
                            .append(services.client().queryOne("SELECT count() AS n FROM " + table).get("n").asLong());
                }
                report.detail(counts.toString());
                // Findings after the topic's last event time come from the final watermark of a bounded
                // run (every open order's pending deadlines at once), not from the stream itself.
                long lastEvent = services.client().queryOne("SELECT max(event_time_ms) AS t FROM events").get("t").asLong();
                StringBuilder types = new StringBuilder(name + ": findings by type (after the last event time):");
                for (var row : services.client().query("SELECT type, count() AS n, countIf(detected_at_ms > " + lastEvent
                        + ") AS after FROM findings GROUP BY type ORDER BY type")) {
                    types.append(' ').append(row.get("type").asText()).append(' ').append(row.get("n").asLong())
                            .append(" (").append(row.get("after").asLong()).append(')');
                }
                report.detail(types.toString());
                var kpi = services.client().queryOne("SELECT count() AS n, uniqExact(dataset, minute_ms, channel, fulfillment_type,"
                        + " region, node_id) AS k FROM kpi_minute");
                report.detail(name + ": kpi_minute rows " + kpi.get("n").asLong() + " for " + kpi.get("k").asLong()
                        + " (dimensions, minute) keys");
            }
        }
        return r;
    }

    /** A trace-only run and a full-job run over the same topic, back to back. */
    record Pair(FlinkStages.Result traceOnly, FlinkStages.Result fullJob) {
        double ratio() {
            return fullJob.perSecond() / traceOnly.perSecond();
        }

        /** The same at equal cores: CPU per event of the trace-only job over the full job's. */
        double cpuRatio() {
            return traceOnly.cpuPerMillion() / fullJob.cpuPerMillion();
        }
    }

    /**
     * Issue 3's throughput target: the full detection job ({@link FpiJob}) against the trace-only
     * job (the Full stage's job), both with all their sinks, over the same topic. Each repetition
     * runs both back to back, alternating which goes first, so both see the same machine load; the
     * ratio is the median of the per-repetition ratios. Both run with the bounded source's final
     * watermark held back ({@link HoldFinalWatermark}), so neither is timed on the burst of timers
     * that ending the input would fire.
     */
    private void fullJob() throws Exception {
        List<Pair> pairs = Repeat.measure(report, "full_job", options.warmup(), options.repetitions(), i -> {
            boolean fullJobFirst = Math.abs(i) % 2 == 0;
            FlinkStages.Result first = checkedRun(flink, fullJobFirst ? FlinkStages.Kind.FULL_JOB : FlinkStages.Kind.TRACE_ONLY,
                    fullJobFirst ? "full-job" : "trace-only", i);
            Repeat.settle();
            FlinkStages.Result second = checkedRun(flink, fullJobFirst ? FlinkStages.Kind.TRACE_ONLY : FlinkStages.Kind.FULL_JOB,
                    fullJobFirst ? "trace-only" : "full-job", i);
            return fullJobFirst ? new Pair(second, first) : new Pair(first, second);
        }, p -> String.format(Locale.ROOT, "trace-only %s | full job %s | ratio %.3f, at equal cpu %.3f",
                Figures.describe(p.traceOnly()), Figures.describe(p.fullJob()), p.ratio(), p.cpuRatio()));
        List<FlinkStages.Result> traceOnly = pairs.stream().map(Pair::traceOnly).toList();
        List<FlinkStages.Result> fullJob = pairs.stream().map(Pair::fullJob).toList();
        report.add(Figures.of("trace_only_events_per_s", "events/s", 0, "the trace-only job (TraceJob: trace builder,"
                + " ClickHouse events + traces, dead letters), first record read to last row inserted", traceOnly,
                FlinkStages.Result::perSecond));
        report.add(Figures.of("full_job_events_per_s", "events/s", 0, "the full detection job (FpiJob: traces, SLA/stall"
                + " monitor, exception patterns, KPIs, findings to ClickHouse and Kafka), first record read to last row"
                + " inserted", fullJob, FlinkStages.Result::perSecond));
        report.add(Figures.of("full_over_trace_only", "ratio", 3, "full job / trace-only job, median of the per-repetition"
                + " ratios (the two runs of a repetition are back to back)", pairs, Pair::ratio));
        report.add(Figures.of("full_over_trace_only_at_equal_cpu", "ratio", 3, "trace-only CPU-s per event / full job"
                + " CPU-s per event, median of the per-repetition ratios: the throughput ratio if both got the same cores"
                + " (steadier than the wall-clock ratio on a shared machine)", pairs, Pair::cpuRatio));
        report.add(Figures.of("trace_only_cpu_s_per_million", "cpu-s/M events", 1, "CPU seconds per million events of the"
                + " trace-only job: " + String.join(" + ", cpuParts()), traceOnly, FlinkStages.Result::cpuPerMillion));
        report.add(Figures.of("full_job_cpu_s_per_million", "cpu-s/M events", 1, "CPU seconds per million events of the"
                + " full job: " + String.join(" + ", cpuParts()), fullJob, FlinkStages.Result::cpuPerMillion));
        report.add(Figures.of("full_job_cores_used", "cores", 2, "cores the full job's processes kept busy", fullJob,
                FlinkStages.Result::coresUsed));
        report.add(Figures.of("full_job_machine_busy_cores", "cores", 2, "cores busy machine-wide during the full job's"
                + " window (other processes included)", fullJob, FlinkStages.Result::machineCores));
    }

    /** What-if: Full without Flink's object reuse (as the jobs ran before they enabled it): a copy per chained hop. */
    private void fullWithoutObjectReuse() throws Exception {
        List<FlinkStages.Result> rs = fullRuns(flink.withoutObjectReuse(), "full-no-object-reuse");
        report.add(Figures.of("whatif_no_object_reuse_full_events_per_s", "events/s", 0, "what-if, not the job's configuration:"
                + " Full without object reuse", rs, FlinkStages.Result::perSecond));
        report.add(Figures.of("whatif_no_object_reuse_full_cpu_s_per_million", "cpu-s/M events", 1, "what-if: CPU seconds per"
                + " million events of Full without object reuse", rs, FlinkStages.Result::cpuPerMillion));
    }

    private List<String> cpuParts() {
        List<String> parts = new java.util.ArrayList<>(List.of("jvm"));
        parts.addAll(cpu.pids().keySet());
        return parts;
    }

    private void profile() throws Exception {
        services.recreateDatabase();
        Path file = options.profile().toAbsolutePath();
        Repeat.settle();
        var recording = JfrProfile.start();
        FlinkStages.Result r;
        try {
            r = flink.run(FlinkStages.Kind.FULL, topic, null, fill.records(), "full-profiled-" + services.runId());
        } finally {
            JfrProfile.stop(recording, file);
        }
        report.detail("full under JFR: " + Figures.describe(r));
        Map<String, Object> summary = JfrProfile.summarize(file, 15);
        summary.put("full_events_per_s_while_profiled", Math.round(r.perSecond()));
        summary.put("cpu_seconds_while_profiled", r.cpuSeconds());
        report.profile(summary);
        JfrProfile.render(summary).forEach(report::detail);
    }

    /** The full job once more under JFR, into the profile file's name + "-full-job". */
    private void profileFullJob() throws Exception {
        services.recreateDatabase();
        String name = options.profile().getFileName().toString().replaceFirst("(\\.jfr)?$", "-full-job.jfr");
        Path file = options.profile().toAbsolutePath().resolveSibling(name);
        Repeat.settle();
        var recording = JfrProfile.start();
        FlinkStages.Result r;
        try {
            r = flink.run(FlinkStages.Kind.FULL_JOB, topic, null, fill.records(), "full-job-profiled-" + services.runId());
        } finally {
            JfrProfile.stop(recording, file);
        }
        report.detail("full job under JFR: " + Figures.describe(r));
        Map<String, Object> summary = JfrProfile.summarize(file, 25);
        summary.put("full_job_events_per_s_while_profiled", Math.round(r.perSecond()));
        summary.put("cpu_seconds_while_profiled", r.cpuSeconds());
        report.config("profile_full_job", summary);
        JfrProfile.render(summary).forEach(report::detail);
    }

    private void latency() throws Exception {
        double rate;
        if (options.latencyRate() != null) {
            rate = options.latencyRate();
        } else if (report.figure("full_events_per_s") != null) {
            rate = report.figure("full_events_per_s").value() / 2;
        } else {
            rate = 10_000;
            report.note("latency: Full was not measured, so the latency run produces 10000 events/s instead of half of Full's rate");
        }
        LatencyBench bench = new LatencyBench(services, flink, options.parallelism(), report);
        LatencyBench.Result r = bench.run(rate, options.latencySeconds());
        report.detail("latency: " + LatencyBench.describe(r));
        report.config("latency_p50_by_quarter_ms", r.quarterP50s());
        if (r.unseen() > 0) {
            report.note("latency: " + r.unseen() + " of " + r.probes() + " probes never became visible within 15 s after the run");
        }
        if (r.apiFound() < r.apiChecked()) {
            report.note("latency: the API served only " + r.apiFound() + " of " + r.apiChecked() + " probes the poll had found");
        }
        String how = "event produced (just before producer.send) → its order's trace row visible in traces FINAL"
                + " (polled every " + LatencyBench.POLL.toMillis() + " ms), at " + Math.round(r.targetRate()) + " events/s";
        report.add(Figure.of("latency_p50_ms", "ms", 0, "median " + how, r.p50()));
        report.add(Figure.of("latency_p99_ms", "ms", 0, "99th percentile " + how, r.p99()));
        report.add(Figure.of("latency_rate_events_per_s", "events/s", 0, "rate the latency run produced at", r.achievedRate()));
        report.add(Figure.of("latency_probes", "probes", 0, "probes measured", r.probes() - r.unseen()));
    }

    private void memory() throws Exception {
        List<byte[]> templates = OpenOrders.templates();
        StateMemoryBench bench = new StateMemoryBench(job, options.parallelism(), services.dir(), report);
        long n = options.openOrders();
        StateMemoryBench.Result heap = bench.run(StateMemoryBench.Backend.HASHMAP, n, templates);
        report.detail(String.format(Locale.ROOT, "state (heap backend): %d open orders x %d events, heap +%d MB, %.1f s",
                n, OpenOrders.EVENTS_PER_ORDER, heap.heapBytes() >> 20, heap.seconds()));
        report.add(Figure.of("heap_bytes_per_open_order", "bytes", 0, "heap state backend: heap after forced GC with " + n
                + " open orders (" + OpenOrders.EVENTS_PER_ORDER + " events each) minus before, per order", heap.heapPerOrder()));
        guarded("rocksdb state size", () -> {
            long m = options.rocksDbOrders();
            StateMemoryBench.Result rocks = bench.run(StateMemoryBench.Backend.ROCKSDB, m, templates);
            report.detail(String.format(Locale.ROOT, "state (RocksDB backend): %d open orders, RocksDB %d MB, heap +%d MB, %.1f s",
                    m, rocks.rocksDbBytes() >> 20, rocks.heapBytes() >> 20, rocks.seconds()));
            report.add(Figure.of("rocksdb_bytes_per_open_order", "bytes", 0, "RocksDB state backend: SST files + memtables"
                    + " (native metrics) per open order, with " + m + " open orders", rocks.rocksDbPerOrder()));
            report.add(Figure.of("rocksdb_heap_bytes_per_open_order", "bytes", 0, "RocksDB state backend: heap growth per open order",
                    rocks.heapPerOrder()));
        });
    }

    /**
     * Issue 3's memory target: heap per open order of the full detection job, measured as
     * {@link #memory} measures the trace job (same open orders, heap backend, heap after forced GCs
     * with every order in state minus before the first), with every keyed operator of
     * {@link FpiJob} holding its state.
     */
    private void fullJobMemory() throws Exception {
        List<byte[]> templates = OpenOrders.templates();
        StateMemoryBench bench = new StateMemoryBench(job, options.parallelism(), services.dir(), report);
        long n = options.openOrders();
        StateMemoryBench.Result heap = bench.run(StateMemoryBench.Backend.HASHMAP, n, templates, fullJobEnv);
        report.detail(String.format(Locale.ROOT, "state of the full job (heap backend): %d open orders x %d events, heap +%d MB, %.1f s",
                n, OpenOrders.EVENTS_PER_ORDER, heap.heapBytes() >> 20, heap.seconds()));
        report.add(Figure.of("full_heap_bytes_per_open_order", "bytes", 0, "full job (FpiJob), heap state backend: heap after"
                + " forced GC with " + n + " open orders (" + OpenOrders.EVENTS_PER_ORDER + " events each) minus before, per order",
                heap.heapPerOrder()));
    }

    @FunctionalInterface
    private interface StageBody {
        void run() throws Exception;
    }

    private void stage(Stage stage, StageBody body) {
        if (options.stages().contains(stage)) {
            guarded(stage.name().toLowerCase(Locale.ROOT), body);
        }
    }

    private void guarded(String name, StageBody body) {
        long t0 = System.nanoTime();
        report.detail("-- " + name);
        try {
            body.run();
        } catch (Exception | Error e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (e instanceof OutOfMemoryError) {
                batches = null;
            }
            failed = true;
            report.note(name + " failed: " + e);
            e.printStackTrace();
        }
        report.detail(String.format(Locale.ROOT, "-- %s done in %.0f s", name, (System.nanoTime() - t0) / 1e9));
    }
}
