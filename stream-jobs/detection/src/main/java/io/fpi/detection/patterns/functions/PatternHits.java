package io.fpi.detection.patterns.functions;

import io.fpi.detection.patterns.PatternConfig;
import io.fpi.detection.patterns.PatternKeys;
import io.fpi.detection.patterns.records.DatasetClock;
import io.fpi.detection.patterns.records.PatternHit;
import io.fpi.schemas.FulfillmentEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by dataset: turns each exception-like event into one {@link PatternHit} per scope and
 * stamps it with the dataset's first window, the "dataset clock". The detector needs that clock to
 * tell a key that is new because the job just started (no spike yet: warm-up) from a key that is
 * new after hours of data (its past was hours of zeros, so a burst is a spike).
 *
 * <p>Only exception-like events reach this operator (a few percent of the stream), so keying by
 * dataset costs little. The clock is the earliest window seen so far; it can only move in the first
 * moments of a dataset, while out-of-order events of its first minutes arrive. It is dropped once the
 * dataset has been quiet for the idle expiry (one timer per dataset), and then restarts, with a new
 * warm-up, if the dataset comes back.
 */
public final class PatternHits extends KeyedProcessFunction<String, FulfillmentEvent, PatternHit> {
    private static final long serialVersionUID = 1L;

    private final PatternConfig config;
    private transient ValueState<DatasetClock> clock;

    public PatternHits(PatternConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        clock = getRuntimeContext().getState(new ValueStateDescriptor<>("dataset-clock", DatasetClock.class));
    }

    @Override
    public void processElement(FulfillmentEvent event, Context ctx, Collector<PatternHit> out) throws Exception {
        if (!PatternKeys.counts(event, config)) {
            return;
        }
        long window = config.windowStart(event.getEventTime());
        DatasetClock c = clock.value();
        if (c == null) {
            c = new DatasetClock();
            c.firstWindowStartMs = window;
            c.lastEventTimeMs = event.getEventTime();
            c.timerMs = Long.MIN_VALUE;
        } else {
            c.firstWindowStartMs = Math.min(c.firstWindowStartMs, window);
            c.lastEventTimeMs = Math.max(c.lastEventTimeMs, event.getEventTime());
        }
        // cleanup at window granularity, so a busy dataset moves its timer once per window, not per event
        long expiry = config.windowStart(c.lastEventTimeMs) + config.windowMs() + config.idleExpiry().toMillis();
        if (expiry != c.timerMs) {
            if (c.timerMs != Long.MIN_VALUE) {
                ctx.timerService().deleteEventTimeTimer(c.timerMs);
            }
            ctx.timerService().registerEventTimeTimer(expiry);
            c.timerMs = expiry;
        }
        clock.update(c);
        for (PatternHit hit : PatternKeys.hits(event, config, c.firstWindowStartMs)) {
            out.collect(hit);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PatternHit> out) throws Exception {
        clock.clear();
    }
}
