package io.fpi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.simulator.scenarios.ScenarioName;
import io.fpi.simulator.stream.RecordStream;
import io.fpi.simulator.truth.GroundTruthFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest extends SimulatorTestBase {
    private static final SimulatorConfig CONFIG = unpaced(7, 1500)
            .scenario(scenario(ScenarioName.CARRIER_OUTAGE, null, Duration.ofMinutes(30), Duration.ofHours(1)))
            .outOfOrderRate(0.05).duplicateRate(0.03).malformedRate(0.01)
            .build();

    @Test
    void same_seed_and_config_give_a_byte_identical_stream() {
        Iterator<SimRecord> a = Simulator.records(CONFIG);
        Iterator<SimRecord> b = Simulator.records(CONFIG);
        long n = 0;
        while (a.hasNext()) {
            assertThat(b.hasNext()).isTrue();
            SimRecord x = a.next();
            SimRecord y = b.next();
            assertThat(y.key()).isEqualTo(x.key());
            assertThat(y.value()).as("record %d", n).isEqualTo(x.value());
            assertThat(y.emitAtSimMs()).isEqualTo(x.emitAtSimMs());
            assertThat(y.kind()).isEqualTo(x.kind());
            n++;
        }
        assertThat(b.hasNext()).isFalse();
        assertThat(n).isGreaterThan(20_000);
    }

    @Test
    void a_different_seed_gives_a_different_stream() {
        Iterator<SimRecord> a = Simulator.records(CONFIG);
        Iterator<SimRecord> b = Simulator.records(CONFIG.toBuilder().seed(8).build());
        int same = 0;
        for (int i = 0; i < 1000; i++) {
            if (Arrays.equals(a.next().value(), b.next().value())) {
                same++;
            }
        }
        assertThat(same).isZero();
    }

    @Test
    void the_ground_truth_file_is_byte_identical_across_runs(@TempDir Path dir) throws IOException {
        Path first = writeTruth(dir.resolve("a.jsonl"));
        Path second = writeTruth(dir.resolve("b.jsonl"));
        assertThat(Files.size(first)).isGreaterThan(100_000);
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void noise_rates_do_not_change_the_orders_themselves() {
        Run noisy = run(CONFIG);
        Run clean = run(CONFIG.toBuilder().outOfOrderRate(0).duplicateRate(0).malformedRate(0).build());
        // lines come in completion order, which noise may shift; the orders themselves must not change
        assertThat(clean.truthByOrder()).isEqualTo(noisy.truthByOrder());
    }

    private static Path writeTruth(Path file) {
        try (GroundTruthFileWriter w = GroundTruthFileWriter.open(file); RecordStream s = Simulator.stream(CONFIG, w)) {
            while (s.hasNext()) {
                s.next();
            }
        }
        return file;
    }
}
