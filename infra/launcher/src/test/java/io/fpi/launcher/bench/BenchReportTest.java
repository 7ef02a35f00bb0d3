package io.fpi.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final BenchReport report = new BenchReport(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void a_repeated_figure_prints_its_median_then_min_and_max_as_name_value_unit_lines() {
        report.add(Figure.of("b1_events_per_s", "events/s", 0, "pass-through", 100_400, 98_000.4, 103_000));
        assertThat(stdout()).containsExactly(
                "b1_events_per_s: 100400 events/s",
                "b1_events_per_s_min: 98000 events/s",
                "b1_events_per_s_max: 103000 events/s");
    }

    @Test
    void a_single_figure_prints_one_line_with_its_decimals() {
        report.add(Figure.of("full_over_b1", "ratio", 3, "Full / B1", 0.41234));
        assertThat(stdout()).containsExactly("full_over_b1: 0.412 ratio");
    }

    @Test
    void a_figure_without_a_finite_value_becomes_a_note_instead_of_a_line() {
        report.add(Figure.of("full_over_b1", "ratio", 3, "Full / B1", Double.NaN));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(report.notes()).singleElement().asString().contains("full_over_b1");
    }

    @Test
    void the_json_file_has_every_printed_name_as_a_key_with_the_printed_number(@TempDir Path dir) throws Exception {
        report.add(Figure.of("b0_events_per_s", "events/s", 0, "consume + decode", 300_000.4, 310_000.6, 290_000));
        report.add(Figure.of("latency_p99_ms", "ms", 0, "p99", 1234.4));
        report.add(Figure.of("full_cpu_s_per_million", "cpu-s/M events", 1, "cpu", 61.26, 60.04, 59.9));
        report.note("external ClickHouse: its CPU is not counted");
        report.machine("cores", 2);
        report.config("events", 1_000_000);
        Path file = dir.resolve("sub/bench.json");
        report.writeJson(file);

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        List<String> printed = new ArrayList<>();
        for (String line : stdout()) {
            String name = line.substring(0, line.indexOf(": "));
            String rest = line.substring(line.indexOf(": ") + 2);
            String value = rest.substring(0, rest.indexOf(' '));
            printed.add(name);
            assertThat(json.get(name).isNumber()).as(name).isTrue();
            assertThat(json.get(name).asDouble()).as(name).isEqualTo(Double.parseDouble(value));
        }
        assertThat(printed).contains("b0_events_per_s", "b0_events_per_s_min", "b0_events_per_s_max", "latency_p99_ms",
                "full_cpu_s_per_million");
        assertThat(json.get("b0_events_per_s").asDouble()).isEqualTo(300_000);
        assertThat(json.get("full_cpu_s_per_million").asDouble()).isEqualTo(60.0);
        JsonNode detail = json.get("figures").get("b0_events_per_s");
        assertThat(detail.get("unit").asText()).isEqualTo("events/s");
        assertThat(detail.get("samples")).hasSize(3);
        assertThat(detail.get("min").asDouble()).isEqualTo(290_000);
        assertThat(json.get("notes").get(0).asText()).contains("external ClickHouse");
        assertThat(json.get("machine").get("cores").asInt()).isEqualTo(2);
        assertThat(json.get("config").get("events").asLong()).isEqualTo(1_000_000);
    }

    @Test
    void notes_and_detail_go_to_stderr_not_to_the_figures() {
        report.note("skipped rocksdb");
        report.detail("b1 repetition 1/3: ...");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bench: skipped rocksdb", "b1 repetition 1/3");
    }

    private List<String> stdout() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
