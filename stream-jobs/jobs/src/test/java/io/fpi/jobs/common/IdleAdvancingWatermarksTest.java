package io.fpi.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;

class IdleAdvancingWatermarksTest {
    private static final long T = 1_772_460_000_000L;
    private static final Duration OOO = Duration.ofSeconds(30);

    private final ManualClock clock = new ManualClock();
    private final IdleAdvancingWatermarks<String> strategy =
            new IdleAdvancingWatermarks<>(OOO, Duration.ofSeconds(10), Duration.ofSeconds(30));

    @Test
    void while_events_arrive_it_is_bounded_out_of_orderness() {
        Split s = split();
        s.event(T).event(T - 5_000).event(T + 1_000).tick();

        assertThat(s.watermarks).containsExactly(T + 1_000 - 30_000 - 1);
    }

    @Test
    void after_the_silence_the_watermark_follows_the_clock_from_the_newest_event() {
        Split s = split();
        s.event(T).tick();
        clock.advanceTime(29, TimeUnit.SECONDS);
        s.tick();
        assertThat(s.idle).as("silent past the idleness: idle, not yet advancing").isTrue();

        clock.advanceTime(1, TimeUnit.SECONDS);
        s.tick();
        clock.advanceTime(10, TimeUnit.MINUTES);
        s.tick();

        assertThat(s.idle).isFalse();
        assertThat(s.watermarks).containsExactly(T - 30_001, T - 30_001 + 30_000, T - 30_001 + 30_000 + 600_000);
    }

    @Test
    void an_event_after_the_quiet_spell_never_moves_the_watermark_back() {
        Split s = split();
        s.event(T).tick();
        clock.advanceTime(1, TimeUnit.HOURS);
        s.tick();
        long advanced = s.last();

        s.event(T + 60_000).tick(); // an old event after the quiet hour: late, the watermark stays

        assertThat(s.last()).isEqualTo(advanced);
        assertThat(s.watermarks).isSorted();
    }

    @Test
    void a_quiet_partition_with_busy_siblings_never_holds_them_back() {
        Split quiet = split();
        Split busy = split();
        quiet.event(T).tick();
        for (int i = 1; i <= 120; i++) { // the busy partition replays 2 h of events in 2 minutes
            clock.advanceTime(1, TimeUnit.SECONDS);
            busy.event(T + i * 60_000L).tick();
            quiet.tick();
        }

        assertThat(quiet.last()).as("advanced from the sibling's newest event").isGreaterThanOrEqualTo(busy.last());
    }

    @Test
    void a_partition_that_never_saw_an_event_is_idle_until_one_arrives() {
        Split s = split();
        clock.advanceTime(1, TimeUnit.MINUTES);
        s.tick();

        assertThat(s.idle).isTrue();
        assertThat(s.watermarks).isEmpty();
    }

    @Test
    void the_advance_must_be_positive() {
        assertThatThrownBy(() -> new IdleAdvancingWatermarks<String>(OOO, OOO, Duration.ZERO))
                .hasMessageContaining("FPI_IDLE_ADVANCE_AFTER");
    }

    private Split split() {
        return new Split(strategy.createWatermarkGenerator(new WatermarkGeneratorSupplier.Context() {
            @Override
            public MetricGroup getMetricGroup() {
                return new UnregisteredMetricsGroup();
            }

            @Override
            public RelativeClock getInputActivityClock() {
                return clock;
            }
        }));
    }

    /** One split's generator and what it emitted. */
    private static final class Split implements WatermarkOutput {
        final WatermarkGenerator<String> generator;
        final List<Long> watermarks = new ArrayList<>();
        boolean idle;

        Split(WatermarkGenerator<String> generator) {
            this.generator = generator;
        }

        Split event(long timestamp) {
            generator.onEvent("e", timestamp, this);
            return this;
        }

        Split tick() {
            generator.onPeriodicEmit(this);
            return this;
        }

        long last() {
            return watermarks.get(watermarks.size() - 1);
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            idle = false;
            if (watermarks.isEmpty() || watermark.getTimestamp() != last()) {
                watermarks.add(watermark.getTimestamp());
            }
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }
    }
}
