package io.fpi.detection.kpi.functions;

import io.fpi.detection.kpi.records.KpiContribution;
import io.fpi.detection.kpi.records.Measure;
import io.fpi.detection.kpi.records.PendingException;
import io.fpi.jobs.traces.records.OrderChange;
import io.fpi.schemas.CanonicalActivity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Exception resolution time: EXCEPTION_RAISED -> EXCEPTION_RESOLVED of the same error_code on one
 * order, emitted as an EXCEPTION_RESOLUTION contribution in the minute of the resolution. Keyed
 * by order ({@link OrderKey}); fed only exception events ({@link #isExceptionEvent}).
 *
 * <p>State holds only what is still open: events waiting for the watermark ({@code pending}, so
 * pairs form in event-time order), the open raise time per code ({@code open}), and the one
 * expiry timer. A raise never resolved is dropped {@code expiry} after it was raised; when nothing
 * is pending or open, every state entry and timer of the order is gone. See KPIS.md.
 */
public class ExceptionResolutions extends KeyedProcessFunction<String, OrderChange, KpiContribution> {
    private static final long serialVersionUID = 1L;

    private final long expiryMs;

    private transient ListState<PendingException> pending;
    private transient MapState<String, Long> open;
    private transient ValueState<Long> expiryTimer;
    private transient Counter unmatched;
    private transient Counter expired;

    /** @param expiry how long an unresolved exception is kept after it was raised (event time) */
    public ExceptionResolutions(Duration expiry) {
        this.expiryMs = expiry.toMillis();
    }

    public static boolean isExceptionEvent(OrderChange c) {
        return !c.errorCode.isEmpty() && (CanonicalActivity.EXCEPTION_RAISED.name().equals(c.activity)
                || CanonicalActivity.EXCEPTION_RESOLVED.name().equals(c.activity));
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getListState(
                new ListStateDescriptor<>("pending", TypeInformation.of(PendingException.class)));
        open = getRuntimeContext().getMapState(new MapStateDescriptor<>("open", Types.STRING, Types.LONG));
        expiryTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("expiry-timer", Types.LONG));
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("kpis");
        unmatched = metrics.counter("unmatchedResolutions");
        expired = metrics.counter("unresolvedExceptionsExpired");
    }

    @Override
    public void processElement(OrderChange change, Context ctx, Collector<KpiContribution> out) throws Exception {
        if (!isExceptionEvent(change)) {
            return;
        }
        PendingException p = PendingException.of(change, CanonicalActivity.EXCEPTION_RAISED.name().equals(change.activity));
        if (p.eventTimeMs <= ctx.timerService().currentWatermark()) {
            apply(p, out); // late: its turn has passed, pair it now
            rescheduleExpiry(ctx.timerService());
            return;
        }
        pending.add(p);
        ctx.timerService().registerEventTimeTimer(p.eventTimeMs);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KpiContribution> out) throws Exception {
        List<PendingException> due = new ArrayList<>();
        List<PendingException> later = new ArrayList<>();
        for (PendingException p : pending.get()) {
            (p.eventTimeMs <= timestamp ? due : later).add(p);
        }
        due.sort(PendingException.EVENT_TIME_ORDER);
        for (PendingException p : due) {
            apply(p, out);
        }
        if (later.isEmpty()) {
            pending.clear();
        } else {
            pending.update(later);
        }
        Long expiry = expiryTimer.value();
        if (expiry != null && expiry <= timestamp) {
            expiryTimer.clear(); // fired
            expireUpTo(timestamp);
        }
        rescheduleExpiry(ctx.timerService());
    }

    private void apply(PendingException p, Collector<KpiContribution> out) throws Exception {
        Long raisedAt = open.get(p.errorCode);
        if (p.raised) {
            if (raisedAt == null || p.eventTimeMs < raisedAt) {
                open.put(p.errorCode, p.eventTimeMs); // a repeat while open keeps the earliest raise
            }
            return;
        }
        if (raisedAt == null) {
            unmatched.inc();
            return;
        }
        open.remove(p.errorCode);
        out.collect(new KpiContribution(p.dataset, p.channel, p.fulfillmentType, p.region, p.nodeId, p.eventTimeMs,
                Measure.EXCEPTION_RESOLUTION, 1, Math.max(0, p.eventTimeMs - raisedAt), ""));
    }

    private void expireUpTo(long timestamp) throws Exception {
        List<String> gone = new ArrayList<>();
        for (var e : open.entries()) {
            if (saturatedAdd(e.getValue(), expiryMs) <= timestamp) {
                gone.add(e.getKey());
            }
        }
        for (String code : gone) {
            open.remove(code);
            expired.inc();
        }
    }

    /** One expiry timer, at the oldest open raise + expiry; none (and no state) when nothing is open. */
    private void rescheduleExpiry(org.apache.flink.streaming.api.TimerService timers) throws Exception {
        long oldest = Long.MAX_VALUE;
        for (Long raisedAt : open.values()) {
            oldest = Math.min(oldest, raisedAt);
        }
        Long current = expiryTimer.value();
        Long wanted = oldest == Long.MAX_VALUE ? null : saturatedAdd(oldest, expiryMs);
        if (current != null && !current.equals(wanted)) {
            timers.deleteEventTimeTimer(current);
        }
        if (wanted == null) {
            expiryTimer.clear();
            if (open.isEmpty()) {
                open.clear();
            }
        } else if (!wanted.equals(current)) {
            timers.registerEventTimeTimer(wanted);
            expiryTimer.update(wanted);
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
