package io.fpi.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.runtime.config.Env;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    void every_part_hands_its_own_options_to_its_benchmark() {
        assertThat(run("api", "--help")).isZero();
        assertThat(run("webhooks", "--help")).isZero();
        assertThat(run("import", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("usage: fpi bench api", "api_kpi_p95_ms")
                .contains("usage: fpi bench webhooks", "--subscriptions")
                .contains("usage: fpi bench import");
    }

    @Test
    void a_bad_option_of_a_part_is_bad_usage() {
        assertThat(run("webhooks", "--findings", "many")).isEqualTo(2);
        assertThat(run("import", "--events", "many")).isEqualTo(2);
    }

    @Test
    void a_part_that_throws_is_a_failure_with_its_name_not_a_crash() {
        int code = BenchCommand.part("api", () -> {
            throw new IllegalStateException("no ClickHouse");
        }, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("fpi bench api: failed", "no ClickHouse");
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
