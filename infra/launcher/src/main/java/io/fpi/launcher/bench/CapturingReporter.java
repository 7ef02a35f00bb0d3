package io.fpi.launcher.bench;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.View;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Keeps the RocksDB native size gauges of the memory run, so the benchmark can read how many bytes
 * RocksDB holds (SST files and memtables) while the job is still running. Configured only for that
 * run ({@code metrics.reporter.fpibench.factory.class}); registered for Flink's ServiceLoader in
 * META-INF/services.
 */
public final class CapturingReporter implements MetricReporter {
    static final String NAME = "fpibench";
    private static final List<Captured> GAUGES = new CopyOnWriteArrayList<>();
    private static final List<Counter> RECORDS_IN = new CopyOnWriteArrayList<>();

    /** A gauge with its full identifier (task, subtask, column family, property). */
    record Captured(String identifier, String name, Gauge<?> gauge) {
        long value() {
            if (gauge instanceof View view) {
                view.update(); // RocksDB's views refresh only every few seconds on their own; read the property now
            }
            Object v = gauge.getValue();
            return v instanceof Number n ? n.longValue() : -1;
        }
    }

    static void clear() {
        GAUGES.clear();
        RECORDS_IN.clear();
    }

    /** Records that every operator of the job has taken in so far: stops changing once the job is drained. */
    static long recordsIn() {
        return RECORDS_IN.stream().mapToLong(Counter::getCount).sum();
    }

    /** Sum over every captured gauge whose name ends with {@code property} (all subtasks and column families). */
    static long sum(String property) {
        long total = 0;
        for (Captured c : GAUGES) {
            if (c.name().endsWith(property)) {
                long v = c.value();
                total += Math.max(v, 0);
            }
        }
        return total;
    }

    static int count(String property) {
        return (int) GAUGES.stream().filter(c -> c.name().endsWith(property)).count();
    }

    @Override
    public void open(MetricConfig config) {
    }

    @Override
    public void close() {
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        if (metric instanceof Gauge<?> g && metricName.startsWith("rocksdb.")) {
            GAUGES.add(new Captured(group.getMetricIdentifier(metricName), metricName, g));
        } else if (metric instanceof Counter c && metricName.equals("numRecordsIn")) {
            RECORDS_IN.add(c);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
        GAUGES.removeIf(c -> c.gauge() == metric);
        RECORDS_IN.removeIf(c -> c == metric);
    }

    /** Flink's factory for it. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new CapturingReporter();
        }
    }
}
