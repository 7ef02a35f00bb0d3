package io.fpi.jobs.common;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event-time watermarks for the envelope stream: bounded out-of-orderness, and idle partitions
 * stop holding the watermark back after {@code idleness}.
 *
 * <p>Dead letters get timestamp {@code Long.MIN_VALUE} and are hidden from the generator
 * altogether: a garbage timestamp must not push the watermark into the future (which would make
 * every following event late), and a partition that receives only garbage should count as idle.
 */
public final class EventTimeWatermarks {
    private EventTimeWatermarks() {}

    public static WatermarkStrategy<Envelope> strategy(Duration maxOutOfOrderness, Duration idleness) {
        return strategy(maxOutOfOrderness, idleness, null);
    }

    /**
     * The same, and with {@code idleAdvanceAfter} set (live jobs only; null = off) the watermark
     * advances with the wall clock once the input has been silent that long
     * ({@link IdleAdvancingWatermarks}), so stall and deadline timers fire on a quiet system.
     */
    public static WatermarkStrategy<Envelope> strategy(Duration maxOutOfOrderness, Duration idleness,
                                                       Duration idleAdvanceAfter) {
        WatermarkStrategy<Envelope> base = idleAdvanceAfter == null
                ? WatermarkStrategy.<Envelope>forBoundedOutOfOrderness(maxOutOfOrderness).withIdleness(idleness)
                : new IdleAdvancingWatermarks<>(maxOutOfOrderness, idleness, idleAdvanceAfter);
        return WatermarkStrategy.<Envelope>forGenerator(ctx -> new EventsOnly(base.createWatermarkGenerator(ctx)))
                .withTimestampAssigner((envelope, previous) -> envelope.isEvent() ? envelope.event.getEventTime() : Long.MIN_VALUE);
    }

    /** Forwards only valid events to the wrapped generator. */
    private static final class EventsOnly implements WatermarkGenerator<Envelope> {
        private final WatermarkGenerator<Envelope> inner;

        EventsOnly(WatermarkGenerator<Envelope> inner) {
            this.inner = inner;
        }

        @Override
        public void onEvent(Envelope envelope, long eventTimestamp, WatermarkOutput output) {
            if (envelope.isEvent()) {
                inner.onEvent(envelope, eventTimestamp, output);
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            inner.onPeriodicEmit(output);
        }
    }
}
