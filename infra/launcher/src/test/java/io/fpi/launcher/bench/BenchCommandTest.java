package io.fpi.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.runtime.config.Env;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return BenchCommand.run(args, new Env(Map.of()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void help_prints_the_usage_and_succeeds() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: fpi bench", "--events N", "--json FILE");
    }

    @Test
    void bad_usage_exits_2_with_the_reason_and_the_usage() {
        assertThat(run("pipeline", "--events", "lots")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--events must be a whole number", "usage: fpi bench");
    }

    @Test
    void parts_that_do_not_exist_yet_say_so_and_fail_when_asked_for_by_name() {
        assertThat(run("api")).isEqualTo(2);
        assertThat(run("webhooks")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("fpi bench api: not available yet")
                .contains("fpi bench webhooks: not available yet");
    }

    @Test
    void import_without_the_importers_benchmark_says_it_is_not_available() {
        // ImportBenchmark arrives with the importer's issue; until then the launcher must say so clearly.
        boolean present;
        try {
            Class.forName(BenchCommand.IMPORT_BENCHMARK);
            present = true;
        } catch (ClassNotFoundException e) {
            present = false;
        }
        int code = BenchCommand.importBenchmark(List.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), true);
        if (!present) {
            assertThat(code).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("fpi bench import: not available");
        }
        int skipped = BenchCommand.importBenchmark(List.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        if (!present) {
            assertThat(skipped).as("inside 'all', a missing part is skipped, not a failure").isZero();
        }
    }

    @Test
    void targets_compare_the_medians_with_the_issues_bounds() {
        BenchReport report = new BenchReport(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        report.add(Figure.of("full_events_per_s", "events/s", 0, "", 30_000));
        report.add(Figure.of("latency_p99_ms", "ms", 0, "", 2_500));
        Map<String, String> t = BenchCommand.targets(report);
        assertThat(t.get("full_events_per_s")).startsWith("met");
        assertThat(t.get("latency_p99_ms")).startsWith("missed");
        assertThat(t.get("heap_bytes_per_open_order")).isEqualTo("not measured");
    }
}
