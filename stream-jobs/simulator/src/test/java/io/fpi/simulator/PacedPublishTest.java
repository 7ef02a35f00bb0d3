package io.fpi.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fpi.simulator.pacing.Pacer;
import io.fpi.simulator.pacing.SimClock;
import io.fpi.simulator.pacing.WallClock;
import io.fpi.simulator.truth.GroundTruth;
import io.fpi.simulator.truth.GroundTruthCollector;
import io.fpi.simulator.truth.GroundTruthSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pacing against a fake wall clock: sleeping advances it, so nothing here really waits. */
class PacedPublishTest extends SimulatorTestBase {
    private static final long NOW = T0 + 24 * HOUR;

    static final class FakeClock implements WallClock {
        long now = NOW;

        @Override
        public long millis() {
            return now;
        }

        @Override
        public long nanos() {
            return now * 1_000_000L;
        }

        @Override
        public void sleepMillis(long ms) {
            now += Math.max(1, ms);
        }
    }

    /** Remembers, for each record, the wall time it was handed over at. */
    static final class RecordingSink implements RecordSink {
        final FakeClock clock;
        final List<SimRecord> records = new ArrayList<>();
        final List<Long> sentAt = new ArrayList<>();

        RecordingSink(FakeClock clock) {
            this.clock = clock;
        }

        @Override
        public void send(SimRecord record) {
            records.add(record);
            sentAt.add(clock.millis());
        }
    }

    @Test
    void the_simulated_clock_catches_up_at_the_speedup_then_runs_live() {
        SimClock clock = new SimClock(NOW - 6 * HOUR, NOW, 60);
        assertThat(clock.simAt(NOW)).isEqualTo(NOW - 6 * HOUR);
        assertThat(clock.simAt(NOW + 3 * MINUTE)).isEqualTo(NOW - 3 * HOUR);
        long caughtUp = NOW + (6 * HOUR) / 59; // 6 h of lag closed at 59 sim-ms per wall-ms
        assertThat(clock.simAt(caughtUp + 1_000)).isEqualTo(caughtUp + 1_000);
        assertThat(clock.simAt(NOW + HOUR)).isEqualTo(NOW + HOUR);
        for (long sim : new long[] {NOW - 6 * HOUR, NOW - HOUR, NOW - 1, NOW + 10 * MINUTE, NOW + 2 * HOUR}) {
            long wall = clock.wallWhen(sim);
            assertThat(clock.simAt(wall)).as("sim %d", sim).isGreaterThanOrEqualTo(sim);
            assertThat(clock.simAt(wall - 1)).isLessThan(sim);
        }
    }

    @Test
    void a_paced_run_cannot_start_in_the_future() {
        assertThatThrownBy(() -> new SimClock(NOW + 1, NOW, 60)).hasMessageContaining("future");
    }

    @Test
    void paced_records_never_go_out_before_their_simulated_time_and_never_carry_a_future_event_time() {
        FakeClock clock = new FakeClock();
        RecordingSink sink = new RecordingSink(clock);
        SimulatorConfig config = SimulatorConfig.builder().simStartMs(NOW - HOUR).speedup(3600)
                .eventsPerSecond(100_000).duration(Duration.ofSeconds(3)).build();
        GroundTruthCollector truth = new GroundTruthCollector();
        SimulationSummary summary = Simulator.publish(config, sink, truth, () -> false, clock);

        SimClock sim = new SimClock(NOW - HOUR, NOW, 3600);
        assertThat(sink.records).hasSizeGreaterThan(1000);
        for (int i = 0; i < sink.records.size(); i++) {
            SimRecord r = sink.records.get(i);
            long wall = sink.sentAt.get(i);
            assertThat(r.emitAtSimMs()).isLessThanOrEqualTo(sim.simAt(wall)).isLessThanOrEqualTo(wall);
            if (r.event() != null) {
                assertThat(r.event().getEventTime()).isLessThanOrEqualTo(wall);
            }
        }
        // ~1 s of catch-up covers the hour; then simulated time is wall time (live)
        assertThat(sink.records.get(sink.records.size() - 1).emitAtSimMs()).isBetween(NOW + 2_000, NOW + 3_000);
        assertThat(summary.stopped()).isTrue();
        GroundTruth gt = truth.groundTruth();
        assertThat(gt.summary().records()).isEqualTo(sink.records.size());
        assertThat(gt.orders()).anyMatch(o -> o.truncated());
    }

    @Test
    void the_rate_cap_limits_records_per_wall_second() {
        FakeClock clock = new FakeClock();
        // a start far back at a huge speed-up: everything is due at once, only the cap holds it back
        Pacer pacer = Pacer.paced(clock, NOW - 24 * HOUR, 1_000_000, 100);
        long end = clock.now + 10_000;
        int sent = 0;
        while (clock.now < end) {
            if (pacer.await(NOW - 24 * HOUR + sent, () -> clock.now >= end)) {
                sent++;
            }
        }
        assertThat(sent).isBetween(1000, 1011); // 100/s for 10 s plus the initial 100 ms burst
    }

    @Test
    void a_stop_request_ends_the_run_and_still_writes_the_summary() {
        FakeClock clock = new FakeClock();
        RecordingSink sink = new RecordingSink(clock);
        GroundTruthCollector truth = new GroundTruthCollector();
        SimulatorConfig config = SimulatorConfig.builder().simStartMs(NOW - HOUR).build();
        SimulationSummary summary = Simulator.publish(config, sink, truth, () -> sink.records.size() >= 500, clock);
        assertThat(summary.stopped()).isTrue();
        assertThat(sink.records).hasSize(500);
        assertThat(truth.groundTruth().summary().records()).isEqualTo(500);
    }

    @Test
    void an_unpaced_bounded_run_sends_exactly_the_generated_stream() {
        RecordingSink sink = new RecordingSink(new FakeClock());
        SimulatorConfig config = unpaced(4, 300).build();
        SimulationSummary summary = Simulator.publish(config, sink, GroundTruthSink.NONE, () -> false);
        Run expected = run(config);
        assertThat(summary.stopped()).isFalse();
        assertThat(summary.orders()).isEqualTo(300);
        assertThat(sink.records).hasSameSizeAs(expected.records());
        for (int i = 0; i < sink.records.size(); i++) {
            assertThat(sink.records.get(i).value()).isEqualTo(expected.records().get(i).value());
        }
    }
}
