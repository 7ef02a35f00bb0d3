package io.fpi.jobs.common;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Watermarks for a <em>live</em> source that keep event time moving while the whole input is quiet.
 *
 * <p>With bounded out-of-orderness, event time only advances when events arrive. When every
 * partition goes silent (a quiet night, a producer outage) the watermark stops, no event-time timer
 * fires, and an order that stalled at 23:00 is reported only when the next event arrives in the
 * morning. Flink's idleness does not help: an idle input is excluded from the watermark, it does
 * not advance it. This generator assumes that <em>event time keeps pace with processing time while
 * nothing arrives</em>: once its input has been silent for {@code advanceAfter}, it emits
 * {@code newest event time - outOfOrderness - 1 + silence}, i.e. the watermark it would have if an
 * event stamped "now" had just arrived, and keeps raising it with the wall clock.
 *
 * <p>Silence and its duration are measured on Flink's input activity clock, which stands still while
 * the source is paused by backpressure or watermark alignment, so a slow job is not mistaken for a
 * quiet one. All splits of one source subtask share their newest event and last arrival: a quiet
 * Kafka partition whose siblings are busy advances from their newest event, so it never holds them
 * back; a partition quiet for {@code idleness} (and not yet advancing) is marked idle as usual.
 *
 * <p>Trade-offs (SLA_AND_STALLS.md, "Idle sources"): only for live input whose event times follow the
 * wall clock. For a replay or an import (event time far behind or ahead of now, or faster than 1x)
 * the assumption is false; leave it off there (the default). A burst of old data after a quiet spell
 * is late by the time the watermark advanced: the trace job merges it or dead-letters it as
 * TOO_LATE, and a stall already reported for an order that did move is followed by its RESOLVED.
 */
public final class IdleAdvancingWatermarks<T> implements WatermarkStrategy<T> {
    private static final long serialVersionUID = 1L;

    public static final String ENV_VAR = "FPI_IDLE_ADVANCE_AFTER";

    private final long outOfOrdernessMs;
    private final long idlenessMs;
    private final long advanceAfterMs;
    private final RelativeClock clockOverride;
    /** Shared by the splits of one subtask: this instance is deserialized once per source subtask. */
    private transient SubtaskActivity activity;

    /**
     * @param idleness a silent input is marked idle after this (as {@code withIdleness}), until it advances
     * @param advanceAfter silence after which the watermark advances with the clock; at least 1 ms
     */
    public IdleAdvancingWatermarks(Duration outOfOrderness, Duration idleness, Duration advanceAfter) {
        this(outOfOrderness, idleness, advanceAfter, null);
    }

    /** With a clock of the test's own (it must be serializable to run on a cluster). */
    public IdleAdvancingWatermarks(Duration outOfOrderness, Duration idleness, Duration advanceAfter, RelativeClock clock) {
        if (advanceAfter.isNegative() || advanceAfter.isZero()) {
            throw new IllegalArgumentException(ENV_VAR + " must be positive, got " + advanceAfter);
        }
        this.outOfOrdernessMs = outOfOrderness.toMillis();
        this.idlenessMs = idleness.toMillis();
        this.advanceAfterMs = advanceAfter.toMillis();
        this.clockOverride = clock;
    }

    @Override
    public WatermarkGenerator<T> createWatermarkGenerator(WatermarkGeneratorSupplier.Context context) {
        if (activity == null) {
            activity = new SubtaskActivity(clockOverride != null ? clockOverride : context.getInputActivityClock());
        }
        return new Generator<>(activity, outOfOrdernessMs, idlenessMs, advanceAfterMs);
    }

    /** The newest event time and the last arrival among the splits of one source subtask. */
    static final class SubtaskActivity {
        final RelativeClock clock;
        long newestEventTime = Long.MIN_VALUE;
        long lastArrivalMs;

        SubtaskActivity(RelativeClock clock) {
            this.clock = clock;
            this.lastArrivalMs = clock.relativeTimeMillis();
        }
    }

    /** One split's generator (or the subtask's, without split-level watermarks). */
    static final class Generator<T> implements WatermarkGenerator<T> {
        private final SubtaskActivity shared;
        private final long outOfOrdernessMs;
        private final long idlenessMs;
        private final long advanceAfterMs;
        private long newestEventTime = Long.MIN_VALUE;
        private long lastArrivalMs;
        private long emitted = Long.MIN_VALUE;
        private boolean idle;

        Generator(SubtaskActivity shared, long outOfOrdernessMs, long idlenessMs, long advanceAfterMs) {
            this.shared = shared;
            this.outOfOrdernessMs = outOfOrdernessMs;
            this.idlenessMs = idlenessMs;
            this.advanceAfterMs = advanceAfterMs;
            this.lastArrivalMs = shared.clock.relativeTimeMillis();
        }

        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
            long now = shared.clock.relativeTimeMillis();
            lastArrivalMs = now;
            shared.lastArrivalMs = now;
            newestEventTime = Math.max(newestEventTime, eventTimestamp);
            shared.newestEventTime = Math.max(shared.newestEventTime, eventTimestamp);
            if (idle) {
                idle = false;
                output.markActive();
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            long now = shared.clock.relativeTimeMillis();
            long silence = now - lastArrivalMs;
            if (silence >= advanceAfterMs && shared.newestEventTime != Long.MIN_VALUE) {
                // the subtask's newest event, aged by the subtask's silence: busy siblings keep it current
                long subtaskSilence = now - shared.lastArrivalMs;
                emit(output, shared.newestEventTime - outOfOrdernessMs - 1 + subtaskSilence);
            } else if (silence >= idlenessMs) {
                if (!idle) {
                    idle = true;
                    output.markIdle();
                }
            } else if (newestEventTime != Long.MIN_VALUE) {
                emit(output, newestEventTime - outOfOrdernessMs - 1);
            }
        }

        private void emit(WatermarkOutput output, long watermark) {
            if (watermark > emitted) {
                emitted = watermark;
            }
            idle = false;
            output.emitWatermark(new Watermark(emitted));
        }
    }
}
