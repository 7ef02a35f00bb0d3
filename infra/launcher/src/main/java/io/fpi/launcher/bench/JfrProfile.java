package io.fpi.launcher.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a run spends its time, from a Java Flight Recorder recording of this JVM ("profile"
 * settings: Java stacks sampled every ~10 ms per running thread). The summary counts
 * {@code jdk.ExecutionSample} events: by the top frame's method (self time), by package, by Flink
 * task thread, and by component anywhere on the stack (inclusive: a sample counts once for every
 * component it passes through). Time in clickhouse-server and the Kafka broker is not in this JVM
 * and shows only in the CPU split.
 */
final class JfrProfile {
    private JfrProfile() {}

    /** Stack prefixes that name the pipeline's components (inclusive attribution). */
    static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("io.fpi.jobs.traces.functions.TraceBuilder", "trace builder (state, timers, rows)");
        COMPONENTS.put("io.fpi.jobs.traces.functions.TraceRows", "trace row computation");
        COMPONENTS.put("io.fpi.detection.sla", "order monitor (SLA evaluator, stall tracker, findings)");
        COMPONENTS.put("io.fpi.policies", "SLA policies and calendars");
        COMPONENTS.put("io.fpi.detection.kpi", "KPI operators");
        COMPONENTS.put("io.fpi.detection.patterns", "exception patterns");
        COMPONENTS.put("io.fpi.detection.findings", "finding encoding");
        COMPONENTS.put("io.fpi.jobs.common.JsonRowWriter", "JSONEachRow encoding");
        COMPONENTS.put("io.fpi.runtime.clickhouse.ClickHouseClient", "ClickHouse HTTP client (inserts)");
        COMPONENTS.put("io.fpi.jobs.common.EventDecoder", "Avro decoding + validation");
        COMPONENTS.put("io.fpi.jobs.common.FulfillmentEventSerializer", "Flink serialization of events");
        COMPONENTS.put("org.apache.flink.api.java.typeutils.runtime.PojoSerializer", "Flink POJO serialization (rows, state)");
        COMPONENTS.put("org.apache.flink.runtime.state", "Flink state backend");
        COMPONENTS.put("org.apache.flink.streaming.api.operators.InternalTimerServiceImpl", "Flink timer service");
        COMPONENTS.put("org.apache.flink.runtime.io.network", "Flink network stack (keyBy shuffle)");
        COMPONENTS.put("org.apache.kafka.clients.consumer", "Kafka consumer");
        COMPONENTS.put("org.apache.kafka.clients.producer", "Kafka producer (dead letters)");
        COMPONENTS.put("org.apache.flink.runtime.checkpoint", "checkpointing");
    }

    static Recording start() throws IOException, ParseException {
        Recording r = new Recording(Configuration.getConfiguration("profile"));
        r.setName("fpi-bench-full");
        r.setToDisk(true);
        r.start();
        return r;
    }

    static void stop(Recording r, Path file) throws IOException {
        r.stop();
        r.dump(file);
        r.close();
    }

    static Map<String, Object> summarize(Path file, int top) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> packages = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> components = new HashMap<>();
        Map<String, Integer> ourInclusive = new HashMap<>();
        int samples = 0;
        int nativeSamples = 0;
        try (RecordingFile rf = new RecordingFile(file)) {
            while (rf.hasMoreEvents()) {
                RecordedEvent e = rf.readEvent();
                String type = e.getEventType().getName();
                if (type.equals("jdk.NativeMethodSample")) {
                    nativeSamples++;
                    continue;
                }
                if (!type.equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace st = e.getStackTrace();
                if (st == null || st.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                RecordedFrame topFrame = st.getFrames().get(0);
                String topType = topFrame.getMethod().getType().getName();
                self.merge(topType + "." + topFrame.getMethod().getName(), 1, Integer::sum);
                packages.merge(packageOf(topType), 1, Integer::sum);
                RecordedThread t = e.getThread("sampledThread");
                threads.merge(threadGroup(t == null ? "?" : t.getJavaName()), 1, Integer::sum);
                Set<String> seenComponents = new HashSet<>();
                Set<String> seenOurs = new HashSet<>();
                for (RecordedFrame f : st.getFrames()) {
                    String ty = f.getMethod().getType().getName();
                    for (Map.Entry<String, String> c : COMPONENTS.entrySet()) {
                        if (ty.startsWith(c.getKey())) {
                            seenComponents.add(c.getValue());
                        }
                    }
                    if (ty.startsWith("io.fpi.")) {
                        seenOurs.add(simpleName(ty) + "." + f.getMethod().getName());
                    }
                }
                seenComponents.forEach(c -> components.merge(c, 1, Integer::sum));
                seenOurs.forEach(m -> ourInclusive.merge(m, 1, Integer::sum));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", file.toString());
        out.put("execution_samples", samples);
        out.put("native_method_samples", nativeSamples);
        out.put("top_self_methods", top(self, samples, top));
        out.put("top_self_packages", top(packages, samples, top));
        out.put("threads", top(threads, samples, top));
        out.put("components_inclusive", top(components, samples, COMPONENTS.size()));
        out.put("fpi_methods_inclusive", top(ourInclusive, samples, top));
        return out;
    }

    /** Readable lines of a summary, for stderr and the docs. */
    @SuppressWarnings("unchecked")
    static List<String> render(Map<String, Object> s) {
        List<String> lines = new ArrayList<>();
        lines.add("profile: " + s.get("execution_samples") + " Java execution samples (" + s.get("native_method_samples")
                + " native-method samples not counted) in " + s.get("file"));
        for (String section : List.of("threads", "components_inclusive", "top_self_packages", "top_self_methods",
                "fpi_methods_inclusive")) {
            lines.add("  " + section + ":");
            for (Map<String, Object> row : (List<Map<String, Object>>) s.get(section)) {
                lines.add(String.format(Locale.ROOT, "    %5.1f%%  %s", (Double) row.get("percent"), row.get("name")));
            }
        }
        return lines;
    }

    private static List<Map<String, Object>> top(Map<String, Integer> counts, int total, int n) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(n)
                .map(e -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("name", e.getKey());
                    row.put("samples", e.getValue());
                    row.put("percent", total == 0 ? 0.0 : Math.round(e.getValue() * 1000.0 / total) / 10.0);
                    return row;
                })
                .toList();
    }

    /** The first three segments of a package (org.apache.flink, io.fpi.jobs, java.util). */
    static String packageOf(String type) {
        int end = type.lastIndexOf('.');
        String pkg = end < 0 ? "" : type.substring(0, end);
        String[] parts = pkg.split("\\.");
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(parts.length, 3)));
    }

    /** Flink task threads are "name (1/2)#0": one group per operator chain, not per subtask. */
    static String threadGroup(String name) {
        return name.replaceAll(" \\(\\d+/\\d+\\)(#\\d+)?$", "").replaceAll("-\\d+$", "-N");
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
