package io.fpi.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fpi.runtime.config.Env;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMOKE TEST, not a performance test: {@code bench pipeline} end to end on a small topic, against a
 * real local clickhouse-server and embedded Kafka, one repetition and no warm-up. It checks that
 * every figure the issue names is printed once as {@code name: value unit} with a positive number,
 * and that the JSON file has the same names. It asserts nothing about speed: this machine is shared.
 */
@Tag("smoke")
class BenchPipelineSmokeTest {
    static final List<String> REQUIRED = List.of("b0_events_per_s", "b1_events_per_s", "b2_events_per_s", "b3_rows_per_s",
            "full_events_per_s", "full_cpu_s_per_million", "full_over_b1", "latency_p50_ms", "latency_p99_ms",
            "heap_bytes_per_open_order",
            // issue 3: the full detection job against the trace-only job
            "trace_only_events_per_s", "full_job_events_per_s", "full_over_trace_only", "full_heap_bytes_per_open_order");

    @Test
    void bench_pipeline_prints_every_required_figure_with_a_positive_value(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path json = dir.resolve("bench.json");
        // the smoke command, plus smaller state and latency runs to keep the test short
        int code = BenchCommand.run(new String[] {"pipeline", "--events", "20000", "--repetitions", "1", "--warmup", "0",
                        "--open-orders", "20000", "--latency-seconds", "5", "--b3-rows", "5000", "--json", json.toString()},
                new Env(Map.of()), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String stdout = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as("exit code; stderr:\n" + err.toString(StandardCharsets.UTF_8)).isZero();
        Map<String, Double> printed = new HashMap<>();
        for (String line : stdout.lines().toList()) {
            String[] p = line.split(": ", 2);
            if (p.length == 2 && p[0].matches("[a-z0-9_]+")) {
                assertThat(p[1]).as(line).matches("-?[0-9]+(\\.[0-9]+)? \\S.*");
                assertThat(printed.put(p[0], Double.parseDouble(p[1].substring(0, p[1].indexOf(' '))))).as("printed once: " + p[0]).isNull();
            }
        }
        for (String name : REQUIRED) {
            assertThat(printed).as(name).containsKey(name);
            assertThat(printed.get(name)).as(name).isPositive();
        }
        JsonNode file = new ObjectMapper().readTree(json.toFile());
        for (Map.Entry<String, Double> e : printed.entrySet()) {
            assertThat(file.get(e.getKey()).asDouble()).as(e.getKey()).isEqualTo(e.getValue());
        }
    }
}
