package io.fpi.api.metrics;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The API's own metrics, written in the Prometheus text format (0.0.4) by {@link #prometheusText()}:
 * requests per route, method and status; request latency per route; ClickHouse query latency and
 * failures per query name; a few gauges the features register (cache sizes) and JVM basics. Labels
 * are route templates and query names from code, never raw paths, so their number stays bounded.
 */
public final class ApiMetrics {
    private final Map<List<String>, LongAdder> requests = new ConcurrentSkipListMap<>(ApiMetrics::compare);
    private final Map<List<String>, Histogram> requestSeconds = new ConcurrentSkipListMap<>(ApiMetrics::compare);
    private final Map<String, Histogram> querySeconds = new ConcurrentSkipListMap<>();
    private final Map<String, LongAdder> queryFailures = new ConcurrentSkipListMap<>();
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();
    private final Map<String, String> gaugeHelp = new ConcurrentHashMap<>();

    public void recordRequest(String route, String method, int status, double seconds) {
        requests.computeIfAbsent(List.of(route, method, Integer.toString(status)), k -> new LongAdder()).increment();
        requestSeconds.computeIfAbsent(List.of(route, method), k -> new Histogram()).observe(seconds);
    }

    public void recordQuery(String name, double seconds, boolean failed) {
        querySeconds.computeIfAbsent(name, k -> new Histogram()).observe(seconds);
        if (failed) {
            queryFailures.computeIfAbsent(name, k -> new LongAdder()).increment();
        }
    }

    /** A value read at scrape time; {@code name} without the fpi_api_ prefix. */
    public void gauge(String name, String help, LongSupplier value) {
        gauges.put(name, value);
        gaugeHelp.put(name, help);
    }

    public String prometheusText() {
        StringBuilder out = new StringBuilder(4096);
        header(out, "fpi_api_http_requests_total", "counter", "HTTP requests answered, by route template, method and status");
        requests.forEach((k, v) -> out.append("fpi_api_http_requests_total{route=\"").append(escape(k.get(0)))
                .append("\",method=\"").append(k.get(1)).append("\",status=\"").append(k.get(2)).append("\"} ")
                .append(v.sum()).append('\n'));
        header(out, "fpi_api_http_request_duration_seconds", "histogram", "Time to answer, by route template and method");
        requestSeconds.forEach((k, h) -> histogram(out, "fpi_api_http_request_duration_seconds",
                "route=\"" + escape(k.get(0)) + "\",method=\"" + k.get(1) + "\"", h));
        header(out, "fpi_api_clickhouse_query_duration_seconds", "histogram", "ClickHouse query time, by repository.query name");
        querySeconds.forEach((k, h) -> histogram(out, "fpi_api_clickhouse_query_duration_seconds",
                "query=\"" + escape(k) + "\"", h));
        header(out, "fpi_api_clickhouse_query_failures_total", "counter", "ClickHouse queries that failed, by query name");
        queryFailures.forEach((k, v) -> out.append("fpi_api_clickhouse_query_failures_total{query=\"").append(escape(k))
                .append("\"} ").append(v.sum()).append('\n'));
        new java.util.TreeMap<>(gauges).forEach((name, value) -> {
            header(out, "fpi_api_" + name, "gauge", gaugeHelp.get(name));
            out.append("fpi_api_").append(name).append(' ').append(value.getAsLong()).append('\n');
        });
        jvm(out);
        return out.toString();
    }

    private static void jvm(StringBuilder out) {
        var memory = ManagementFactory.getMemoryMXBean();
        header(out, "fpi_api_jvm_heap_used_bytes", "gauge", "JVM heap in use");
        out.append("fpi_api_jvm_heap_used_bytes ").append(memory.getHeapMemoryUsage().getUsed()).append('\n');
        header(out, "fpi_api_jvm_threads_live", "gauge", "live JVM threads");
        out.append("fpi_api_jvm_threads_live ").append(ManagementFactory.getThreadMXBean().getThreadCount()).append('\n');
        header(out, "fpi_api_process_uptime_seconds", "gauge", "seconds since the JVM started");
        out.append("fpi_api_process_uptime_seconds ").append(ManagementFactory.getRuntimeMXBean().getUptime() / 1000).append('\n');
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void histogram(StringBuilder out, String name, String labels, Histogram h) {
        long[] cumulative = h.cumulative();
        for (int i = 0; i < cumulative.length; i++) {
            String le = i < Histogram.BOUNDS.length ? number(Histogram.BOUNDS[i]) : "+Inf";
            out.append(name).append("_bucket{").append(labels).append(",le=\"").append(le).append("\"} ")
                    .append(cumulative[i]).append('\n');
        }
        out.append(name).append("_sum{").append(labels).append("} ").append(number(h.sum())).append('\n');
        out.append(name).append("_count{").append(labels).append("} ").append(cumulative[cumulative.length - 1]).append('\n');
    }

    private static String number(double d) {
        return String.format(Locale.ROOT, "%s", d);
    }

    /** Label values may hold a backslash, quote or newline only escaped. */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
