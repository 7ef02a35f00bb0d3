package io.fpi.launcher.bench;

import io.fpi.detection.job.FpiJob;
import io.fpi.detection.job.JobSinks;
import io.fpi.jobs.traces.TraceJobConfig;
import io.fpi.jobs.traces.functions.TraceBuilder;
import io.fpi.jobs.traces.functions.TraceKeySelector;
import io.fpi.runtime.config.Env;
import io.fpi.schemas.FulfillmentEvent;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.state.rocksdb.RocksDBNativeMetricOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * State size per open order: {@code orders} orders with {@link OpenOrders#EVENTS_PER_ORDER} events
 * each, none closed, go through the job's {@link TraceBuilder} (keyed by the job's key selector, at
 * the job's parallelism, with its cleanup timers) on a MiniCluster. The heap is measured after a
 * forced GC before the first order and again once every order is in state, while the job still
 * holds it; the difference over the order count is the heap state backend's bytes per open order
 * (state objects, keys, state-map entries and timers). With RocksDB, state lives off-heap: the run
 * reports RocksDB's own size (SST files plus memtables, from its native metrics) per order, and the
 * heap difference separately.
 */
final class StateMemoryBench {
    enum Backend { HASHMAP, ROCKSDB }

    private final TraceJobConfig job;
    private final int parallelism;
    private final Path workDir;
    private final BenchReport report;

    StateMemoryBench(TraceJobConfig job, int parallelism, Path workDir, BenchReport report) {
        this.job = job;
        this.parallelism = parallelism;
        this.workDir = workDir;
        this.report = report;
    }

    /**
     * @param heapBytes     heap after minus heap before, after forced GCs
     * @param rocksDbBytes  SST files + memtables (RocksDB only, else -1)
     * @param liveDataBytes RocksDB's estimate of live data (RocksDB only, else -1)
     * @param diskBytes     bytes in RocksDB's local directory (RocksDB only, else -1)
     */
    record Result(Backend backend, long orders, long heapBytes, long rocksDbBytes, long liveDataBytes, long diskBytes,
                  double seconds) {
        double heapPerOrder() {
            return (double) heapBytes / orders;
        }

        double rocksDbPerOrder() {
            return (double) rocksDbBytes / orders;
        }
    }

    Result run(Backend backend, long orders, List<byte[]> templates) throws Exception {
        return run(backend, orders, templates, null);
    }

    /**
     * @param fullJob null: the trace job's trace builder alone; else the settings of the full job
     *                ({@link FpiJob#wire}), whose every keyed operator then holds its state, with all
     *                sinks replaced by discarding ones (the traces sink by the counting one)
     */
    Result run(Backend backend, long orders, List<byte[]> templates, Env fullJob) throws Exception {
        MemoryGate.reset();
        CapturingReporter.clear();
        Path rocksDir = workDir.resolve("rocksdb-" + System.nanoTime());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism,
                configuration(backend, rocksDir));
        SingleOutputStreamOperator<FulfillmentEvent> events = env.fromSequence(0, orders - 1).setParallelism(1).name("open-orders")
                .flatMap(new OpenOrders(templates, orders)).setParallelism(1).name("order-events");
        if (fullJob == null) {
            events.keyBy(new TraceKeySelector())
                    .process(new TraceBuilder(job.traceRetention(), job.traceIdleExpiry()))
                    .name("trace-builder").uid("trace-builder")
                    .sinkTo(new MemoryGate.CountingSink()).name("count-trace-rows");
        } else {
            // Stream timestamps for the operators that read them; no watermark, so no timer fires
            // and every order stays open while it is measured.
            DataStream<FulfillmentEvent> stamped = events.assignTimestampsAndWatermarks(WatermarkStrategy.<FulfillmentEvent>noWatermarks()
                    .withTimestampAssigner((e, t) -> e.getEventTime())).setParallelism(1).name("event-time");
            FpiJob.wire(stamped, null, job, fullJob, FpiJob.monitorConfig(fullJob), new JobSinks() {
                @Override
                @SuppressWarnings("unchecked")
                public <T> Sink<T> sink(String uid, Sink<T> sink) {
                    return uid.equals("clickhouse-traces") ? (Sink<T>) new MemoryGate.CountingSink() : new DiscardingSink<>();
                }
            });
        }
        String name = "fpi-bench-state-" + (fullJob == null ? "" : "full-job-") + backend.name().toLowerCase(java.util.Locale.ROOT);
        JobClient client = env.executeAsync(name);
        CompletableFuture<JobExecutionResult> result = client.getJobExecutionResult();
        try {
            while (!MemoryGate.awaitAtGate(200)) {
                failIfDone(result);
            }
            long before = heapUsedAfterGc();
            HeapHistogram histogramBefore = backend == Backend.HASHMAP ? HeapHistogram.take() : null;
            long start = System.nanoTime();
            MemoryGate.open();
            long expected = orders * OpenOrders.EVENTS_PER_ORDER;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (MemoryGate.TRACE_ROWS.get() < expected) {
                failIfDone(result);
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("state run saw " + MemoryGate.TRACE_ROWS.get() + " of " + expected + " trace rows in 10 minutes");
                }
                Thread.sleep(50);
            }
            awaitDrained(result, deadline);
            double seconds = (System.nanoTime() - start) / 1e9;
            long after = heapUsedAfterGc();
            if (histogramBefore != null) {
                report.detail("heap growth by class (" + name + ", live objects after a full GC, per open order):");
                HeapHistogram.render(HeapHistogram.take().growthSince(histogramBefore, 15), orders).forEach(report::detail);
            }
            long rocks = -1;
            long live = -1;
            long disk = -1;
            if (backend == Backend.ROCKSDB) {
                if (CapturingReporter.count("total-sst-files-size") == 0) {
                    report.note("RocksDB native metrics were not reported; rocksdb_bytes_per_open_order counts only the files on disk");
                }
                long sst = CapturingReporter.sum("total-sst-files-size");
                long mem = CapturingReporter.sum("cur-size-all-mem-tables");
                live = CapturingReporter.sum("estimate-live-data-size");
                disk = directorySize(rocksDir);
                rocks = sst + mem > 0 ? sst + mem : disk;
                report.detail(String.format(java.util.Locale.ROOT,
                        "rocksdb: sst %d B, memtables %d B, estimated live data %d B, local dir %d B", sst, mem, live, disk));
            }
            return new Result(backend, orders, after - before, rocks, live, disk, seconds);
        } finally {
            MemoryGate.release();
            if (fullJob != null) {
                // Once the source ends, the final watermark fires every open order's timers: for the
                // full job a million orders' worth of findings nobody reads. Nothing to wait for.
                cancelQuietly(client);
            }
            try {
                result.get(2, TimeUnit.MINUTES);
            } catch (Exception e) {
                if (!result.isDone()) {
                    cancelQuietly(client);
                }
            }
            BenchServices.deleteRecursively(rocksDir);
        }
    }

    /**
     * Every trace row is out, but operators behind another shuffle (the full job's monitor, KPI and
     * pattern operators) may still be taking in their last records: waits until no operator has
     * taken in a record for a second.
     */
    private static void awaitDrained(CompletableFuture<JobExecutionResult> result, long deadline) throws Exception {
        long last = -1;
        int quiet = 0;
        while (quiet < 4) {
            failIfDone(result);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the state job did not drain in time");
            }
            Thread.sleep(250);
            long now = CapturingReporter.recordsIn();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
    }

    private Configuration configuration(Backend backend, Path rocksDir) {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(MetricOptions.REPORTERS_LIST, CapturingReporter.NAME);
        MetricOptions.forReporter(conf, CapturingReporter.NAME)
                .set(MetricOptions.REPORTER_FACTORY_CLASS, CapturingReporter.Factory.class.getName());
        if (backend == Backend.HASHMAP) {
            conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        } else {
            conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
            conf.set(RocksDBOptions.LOCAL_DIRECTORIES, rocksDir.toString());
            conf.set(RocksDBNativeMetricOptions.MONITOR_TOTAL_SST_FILES_SIZE, true);
            conf.set(RocksDBNativeMetricOptions.MONITOR_CUR_SIZE_ALL_MEM_TABLE, true);
            conf.set(RocksDBNativeMetricOptions.ESTIMATE_LIVE_DATA_SIZE, true);
        }
        return conf;
    }

    /** Used heap after full collections; the lowest of three readings (a late finalizer can only add). */
    static long heapUsedAfterGc() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    /** A job that already ended (and took its MiniCluster with it) cannot be cancelled: nothing to do then. */
    private static void cancelQuietly(JobClient client) {
        try {
            client.cancel().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            // already finished or cancelled
        }
    }

    private static void failIfDone(CompletableFuture<JobExecutionResult> result) throws Exception {
        if (result.isDone()) {
            result.get();
            throw new IllegalStateException("the state job ended before the measurement");
        }
    }

    static long directorySize(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return -1;
        }
    }
}
