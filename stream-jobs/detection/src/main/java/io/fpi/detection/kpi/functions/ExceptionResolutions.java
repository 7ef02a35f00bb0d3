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
 * pairs form in event-time order), the open raise time per code ({@code open}), resolutions that
 * found no raise ({@code orphans}: a raise arriving later than the watermark may still claim them),
 * and the one expiry timer. An unpaired raise or resolution is dropped {@code expiry} after its
 * time; when nothing is pending, open or orphaned, every state entry and timer of the order is
 * gone. See KPIS.md.
 */
public class ExceptionResolutions extends KeyedProcessFunction<String, OrderChange, KpiContribution> {
    private static final long serialVersionUID = 1L;

    private final long expiryMs;

    private transient ListState<PendingException> pending;
    private transient MapState<String, Long> open;
    private transient MapState<String, Long> orphans;
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
        orphans = getRuntimeContext().getMapState(new MapStateDescriptor<>("orphans", Types.STRING, Types.LONG));
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
            apply(p, out); // late: its turn has passed, pair it now (orphans catch a reversed pair)
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
            Long orphan = orphans.get(p.errorCode);
            if (orphan != null && orphan >= p.eventTimeMs) {
                // a late raise whose resolution came first: the pair is complete now
                orphans.remove(p.errorCode);
                emit(p, orphan, orphan - p.eventTimeMs, out);
            } else if (raisedAt == null || p.eventTimeMs < raisedAt) {
                open.put(p.errorCode, p.eventTimeMs); // a repeat while open keeps the earliest raise
            }
            return;
        }
        if (raisedAt == null || raisedAt > p.eventTimeMs) {
            Long orphan = orphans.get(p.errorCode);
            if (orphan == null || p.eventTimeMs < orphan) {
                orphans.put(p.errorCode, p.eventTimeMs);
            }
            unmatched.inc();
            return;
        }
        open.remove(p.errorCode);
        emit(p, p.eventTimeMs, p.eventTimeMs - raisedAt, out);
    }

    /** Attributed to the dimensions the order had when the event at hand was folded in. */
    private static void emit(PendingException p, long resolvedAt, long durationMs, Collector<KpiContribution> out) {
        out.collect(new KpiContribution(p.dataset, p.channel, p.fulfillmentType, p.region, p.nodeId, resolvedAt,
                Measure.EXCEPTION_RESOLUTION, 1, Math.max(0, durationMs), ""));
    }

    private void expireUpTo(long timestamp) throws Exception {
        expire(open, timestamp);
        expire(orphans, timestamp);
    }

    private void expire(MapState<String, Long> times, long timestamp) throws Exception {
        List<String> gone = new ArrayList<>();
        for (var e : times.entries()) {
            if (saturatedAdd(e.getValue(), expiryMs) <= timestamp) {
                gone.add(e.getKey());
            }
        }
        for (String code : gone) {
            times.remove(code);
            expired.inc();
        }
    }

    /** One expiry timer, at the oldest open raise or orphan + expiry; none when nothing is kept. */
    private void rescheduleExpiry(org.apache.flink.streaming.api.TimerService timers) throws Exception {
        long oldest = Long.MAX_VALUE;
        for (Long raisedAt : open.values()) {
            oldest = Math.min(oldest, raisedAt);
        }
        for (Long resolvedAt : orphans.values()) {
            oldest = Math.min(oldest, resolvedAt);
        }
        Long current = expiryTimer.value();
        Long wanted = oldest == Long.MAX_VALUE ? null : saturatedAdd(oldest, expiryMs);
        if (current != null && !current.equals(wanted)) {
            timers.deleteEventTimeTimer(current);
        }
        if (wanted == null) {
            expiryTimer.clear();
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
