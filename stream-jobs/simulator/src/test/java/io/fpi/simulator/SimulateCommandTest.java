package io.fpi.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fpi.simulator.scenarios.ScenarioName;
import io.fpi.simulator.scenarios.ScenarioSpec;
import io.fpi.simulator.truth.TruthSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SimulateCommandTest extends SimulatorTestBase {
    private static final long NOW = Instant.parse("2026-05-21T12:00:00Z").toEpochMilli();

    private static SimulateOptions parse(String... args) {
        return SimulateOptions.parse(args, Map.of(), NOW);
    }

    @Test
    void defaults_match_the_documented_ones() {
        SimulateOptions o = parse();
        SimulatorConfig c = o.config();
        assertThat(o.bootstrap()).isEqualTo("localhost:9092");
        assertThat(o.topic()).isEqualTo("fpi.events");
        assertThat(o.groundTruth()).isNull();
        assertThat(c.dataset()).isEqualTo("demo");
        assertThat(c.seed()).isEqualTo(42);
        assertThat(c.eventsPerSecond()).isEqualTo(200);
        assertThat(c.speedup()).isEqualTo(60);
        assertThat(c.simStartMs()).isEqualTo(NOW - 6 * HOUR);
        assertThat(c.paced()).isTrue();
        assertThat(c.noise().malformedRate()).isEqualTo(0.002);
        assertThat(c.noise().maxDisorderMs()).isEqualTo(20_000);
        assertThat(c.scenarios()).isEmpty();
    }

    @Test
    void bootstrap_comes_from_the_environment_unless_a_flag_overrides_it() {
        Map<String, String> env = Map.of("FPI_KAFKA_BOOTSTRAP", "kafka:29092");
        assertThat(SimulateOptions.parse(new String[0], env, NOW).bootstrap()).isEqualTo("kafka:29092");
        assertThat(SimulateOptions.parse(new String[] {"--bootstrap", "b:1"}, env, NOW).bootstrap()).isEqualTo("b:1");
    }

    @Test
    void every_flag_is_parsed() {
        SimulateOptions o = parse("--bootstrap", "h:9", "--topic", "t", "--dataset", "brand-a", "--seed", "7",
                "--rate", "500", "--speedup", "120", "--sim-start", "2026-05-20T00:00:00Z",
                "--scenario", "carrier-outage:SWIFTSHIP,promotion-peak", "--scenario-start", "1h",
                "--scenario-duration", "90m", "--orders", "1000", "--duration", "30", "--sim-duration", "2h",
                "--out-of-order", "0.1", "--duplicates=0.05", "--malformed", "0.01", "--max-disorder", "10",
                "--ground-truth", "/tmp/gt.jsonl", "--unpaced");
        SimulatorConfig c = o.config();
        assertThat(o.bootstrap()).isEqualTo("h:9");
        assertThat(o.topic()).isEqualTo("t");
        assertThat(o.groundTruth()).isEqualTo(Path.of("/tmp/gt.jsonl"));
        assertThat(c.dataset()).isEqualTo("brand-a");
        assertThat(c.seed()).isEqualTo(7);
        assertThat(c.eventsPerSecond()).isEqualTo(500);
        assertThat(c.speedup()).isEqualTo(120);
        assertThat(c.simStartMs()).isEqualTo(Instant.parse("2026-05-20T00:00:00Z").toEpochMilli());
        assertThat(c.scenarios()).containsExactly(
                new ScenarioSpec(ScenarioName.CARRIER_OUTAGE, "SWIFTSHIP", Duration.ofHours(1), Duration.ofMinutes(90)),
                new ScenarioSpec(ScenarioName.PROMOTION_PEAK, null, Duration.ofHours(1), Duration.ofMinutes(90)));
        assertThat(c.maxOrders()).isEqualTo(1000);
        assertThat(c.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.simDuration()).isEqualTo(Duration.ofHours(2));
        assertThat(c.noise().outOfOrderRate()).isEqualTo(0.1);
        assertThat(c.noise().duplicateRate()).isEqualTo(0.05);
        assertThat(c.noise().malformedRate()).isEqualTo(0.01);
        assertThat(c.noise().maxDisorderMs()).isEqualTo(10_000);
        assertThat(c.paced()).isFalse();
    }

    @Test
    void sim_start_may_be_relative_to_now() {
        assertThat(parse("--sim-start", "-2d").config().simStartMs()).isEqualTo(NOW - 48 * HOUR);
    }

    @Test
    void bad_flags_are_rejected_with_a_message_that_names_the_flag() {
        assertThatThrownBy(() -> parse("--rate", "fast")).hasMessageContaining("--rate").hasMessageContaining("fast");
        assertThatThrownBy(() -> parse("--nope")).hasMessageContaining("unknown option --nope");
        assertThatThrownBy(() -> parse("--seed")).hasMessageContaining("--seed needs a value");
        assertThatThrownBy(() -> parse("--scenario", "meteor-strike")).hasMessageContaining("unknown scenario 'meteor-strike'");
        assertThatThrownBy(() -> parse("--duplicates", "1.5")).hasMessageContaining("within 0..1");
        assertThatThrownBy(() -> parse("--sim-start", "yesterday")).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> parse("--duration", "soon")).hasMessageContaining("--duration");
        assertThatThrownBy(() -> parse("stray")).hasMessageContaining("unexpected argument 'stray'");
    }

    @Test
    void bad_usage_exits_2_with_the_reason_on_stderr() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SimulateCommand.run(new String[] {"--rate", "-5"}, Map.of(), quiet(), new PrintStream(err, true, StandardCharsets.UTF_8),
                (o, stop) -> { throw new AssertionError("must not run"); });
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("rate must be a positive number").contains("--help");
    }

    @Test
    void help_prints_usage_and_exits_0() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = SimulateCommand.run(new String[] {"--help"}, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), quiet(),
                (o, stop) -> { throw new AssertionError("must not run"); });
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: fpi simulate").contains("--ground-truth");
    }

    @Test
    void a_run_gets_the_parsed_options_and_a_failure_exits_1() {
        AtomicReference<SimulateOptions> seen = new AtomicReference<>();
        int ok = SimulateCommand.run(new String[] {"--orders", "5", "--unpaced"}, Map.of(), quiet(), quiet(), (o, stop) -> {
            seen.set(o);
            assertThat(stop.getAsBoolean()).isFalse();
            return new SimulationSummary(new TruthSummary(5, 0, 70, 71, 1, 0, 0, Map.of(), 0, 0, 0, 0, 0), 10, false);
        });
        assertThat(ok).isZero();
        assertThat(seen.get().config().maxOrders()).isEqualTo(5);
        int failed = SimulateCommand.run(new String[0], Map.of(), quiet(), quiet(), (o, stop) -> {
            throw new IllegalStateException("broker unreachable");
        });
        assertThat(failed).isEqualTo(1);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
