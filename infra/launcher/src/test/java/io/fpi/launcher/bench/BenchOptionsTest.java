package io.fpi.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fpi.launcher.bench.BenchOptions.Part;
import io.fpi.launcher.bench.BenchOptions.Stage;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void no_arguments_mean_the_whole_pipeline_with_the_defaults() {
        BenchOptions o = BenchOptions.parse(new String[0]);
        assertThat(o.part()).isEqualTo(Part.PIPELINE);
        assertThat(o.events()).isEqualTo(BenchOptions.DEFAULT_EVENTS);
        assertThat(o.repetitions()).isEqualTo(3);
        assertThat(o.warmup()).isEqualTo(1);
        assertThat(o.parallelism()).isEqualTo(2);
        assertThat(o.json()).isNull();
        assertThat(o.profile()).isNull();
        assertThat(o.stages()).isEqualTo(EnumSet.allOf(Stage.class));
    }

    @Test
    void options_follow_the_part_and_accept_readable_numbers() {
        BenchOptions o = BenchOptions.parse(new String[] {"pipeline", "--events", "2M", "--json", "out/b.json",
                "--repetitions", "5", "--warmup", "0", "--open-orders", "1e6", "--b3-rows", "150_000",
                "--latency-seconds", "30", "--latency-rate", "12k", "--profile", "full.jfr", "--parallelism", "4"});
        assertThat(o.events()).isEqualTo(2_000_000);
        assertThat(o.json()).isEqualTo(Path.of("out/b.json"));
        assertThat(o.repetitions()).isEqualTo(5);
        assertThat(o.warmup()).isZero();
        assertThat(o.openOrders()).isEqualTo(1_000_000);
        assertThat(o.b3Rows()).isEqualTo(150_000);
        assertThat(o.latencySeconds()).isEqualTo(30);
        assertThat(o.latencyRate()).isEqualTo(12_000.0);
        assertThat(o.profile()).isEqualTo(Path.of("full.jfr"));
        assertThat(o.parallelism()).isEqualTo(4);
    }

    @Test
    void options_without_a_part_apply_to_the_pipeline() {
        assertThat(BenchOptions.parse(new String[] {"--events", "20000"}).part()).isEqualTo(Part.PIPELINE);
    }

    @Test
    void stages_select_a_subset_in_any_case() {
        assertThat(BenchOptions.parse(new String[] {"--stages", "b0, FULL,latency"}).stages())
                .containsExactlyInAnyOrder(Stage.B0, Stage.FULL, Stage.LATENCY);
    }

    @Test
    void every_part_is_recognised() {
        for (String p : List.of("pipeline", "api", "webhooks", "import", "all")) {
            assertThat(BenchOptions.parse(new String[] {p}).part().name()).isEqualToIgnoringCase(p);
        }
    }

    @Test
    void import_keeps_its_arguments_for_the_importers_benchmark() {
        BenchOptions o = BenchOptions.parse(new String[] {"import", "--file", "log.xes", "--events", "5"});
        assertThat(o.part()).isEqualTo(Part.IMPORT);
        assertThat(o.passThrough()).containsExactly("--file", "log.xes", "--events", "5");
    }

    @Test
    void arguments_for_another_part_drop_the_pipelines_json_file() {
        BenchOptions o = BenchOptions.parse(new String[] {"all", "--events", "5", "--json", "f.json"});
        assertThat(o.argumentsWithoutJson()).containsExactly("--events", "5");
    }

    @Test
    void bad_input_is_rejected_with_the_option_named() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"speed"})).hasMessageContaining("unknown part 'speed'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--events"})).hasMessageContaining("--events needs a value");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--events", "many"})).hasMessageContaining("--events must be a whole number");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--events", "0"})).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--events", "1.5"})).hasMessageContaining("whole number");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--warmup", "-1"})).hasMessageContaining("0 or more");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--stages", "b9"})).hasMessageContaining("unknown stage 'b9'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--fast"})).hasMessageContaining("unknown option '--fast'");
    }

    @Test
    void help_is_an_option_not_an_error() {
        assertThat(BenchOptions.parse(new String[] {"--help"}).help()).isTrue();
        assertThat(BenchOptions.parse(new String[] {"pipeline", "-h"}).help()).isTrue();
    }
}
