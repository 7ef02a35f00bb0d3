package io.fpi.detection.sla;

import io.fpi.detection.findings.FindingTypeInfo;
import io.fpi.jobs.traces.functions.TraceBuilder;
import io.fpi.jobs.traces.records.TraceRow;
import io.fpi.jobs.traces.records.TraceState;
import io.fpi.schemas.Finding;
import io.fpi.schemas.FulfillmentEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The trace builder and the order monitor in one keyed operator, as the full job runs them: each new
 * (de-duplicated, not too late) event goes through {@link TraceBuilder}'s steps and then, in the same
 * call, through {@link OrderMonitor}'s, exactly as the monitor would receive it from the trace
 * builder's {@code EVENTS} output.
 *
 * <p>Why one operator: an open order then costs one key string, one state-map slot per state and
 * <em>one</em> event-time timer instead of two of each, and every event crosses the network once
 * instead of twice (SLA_AND_STALLS.md, "State size"; infra/PERFORMANCE.md). The two states stay
 * separate ({@code trace} and {@code order-monitor}), each with its own lifetime; the one timer is
 * at the earlier of the trace's cleanup instant ({@link TraceState#cleanupTimer}) and the monitor's
 * next instant ({@link OrderMonitorState#timerMs}), and when it fires, whichever of the two is due
 * runs.
 *
 * <p>Outputs: the trace builder's (main: trace rows; side: events, order changes, too late) plus
 * {@link #FINDINGS} (SLA_BREACH, AT_RISK, STALL, RESOLVED) and {@link OrderMonitor#SLA_OUTCOMES}.
 */
public class MonitoredTraceBuilder extends TraceBuilder {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<Finding> FINDINGS = new OutputTag<>("monitor-findings", FindingTypeInfo.INSTANCE);

    private final OrderMonitor monitor;

    private transient ValueState<OrderMonitorState> monitorState;
    private transient DeferredTimers deferred;

    /**
     * @param retention  trace state of a closed order outlives its last closing event this long
     * @param idleExpiry trace state of an open order outlives its last event this long
     */
    public MonitoredTraceBuilder(Duration retention, Duration idleExpiry, MonitorConfig monitor) {
        super(retention, idleExpiry);
        this.monitor = new OrderMonitor(monitor);
    }

    @Override
    public void open(OpenContext openContext) {
        super.open(openContext);
        monitor.init(getRuntimeContext());
        monitorState = getRuntimeContext().getState(OrderMonitor.descriptor());
        deferred = new DeferredTimers();
    }

    @Override
    public void processElement(FulfillmentEvent event, Context ctx, Collector<TraceRow> out) throws Exception {
        ValueState<TraceState> traces = traceState();
        TraceState trace = traces.value();
        if (trace == null) {
            if (rejectTooLate(event, ctx)) {
                return;
            }
            trace = new TraceState();
        }
        long traceBefore = trace.cleanupTimer;
        if (!addEvent(trace, event, ctx, out)) {
            return; // a duplicate: the monitor never sees it either
        }
        OrderMonitorState before = monitorState.value();
        long monitorBefore = before == null ? OrderMonitor.NO_TIMER : before.timerMs;
        OrderMonitorState after = monitor.onEvent(before, event, deferred.over(ctx.timerService()), findings(ctx));
        if (after != null) {
            monitorState.update(after);
        }
        moveTimer(ctx.timerService(), earliest(traceBefore, monitorBefore),
                earliest(trace.cleanupTimer, after == null ? OrderMonitor.NO_TIMER : after.timerMs));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TraceRow> out) throws Exception {
        TraceState trace = traceState().value();
        OrderMonitorState order = monitorState.value();
        if (order != null && order.timerMs == timestamp) {
            if (monitor.onTimer(order, ctx.getCurrentKey(), timestamp, deferred.over(ctx.timerService()), findings(ctx),
                    o -> ctx.output(OrderMonitor.SLA_OUTCOMES, o))) {
                monitorState.update(order);
            } else {
                monitorState.clear();
                order = null;
            }
        }
        if (trace != null && trace.cleanupTimer == timestamp) {
            expire(trace, ctx.getCurrentKey());
            trace = null;
        }
        // the timer that fired is gone: register the next one, if any
        long next = earliest(trace == null ? NO_TIMER : trace.cleanupTimer, order == null ? OrderMonitor.NO_TIMER : order.timerMs);
        moveTimer(ctx.timerService(), NO_TIMER, next);
    }

    /** The earlier of the trace's instant ({@link #NO_TIMER} = none) and the monitor's ({@link OrderMonitor#NO_TIMER} = none). */
    static long earliest(long traceTimer, long monitorTimer) {
        if (monitorTimer == OrderMonitor.NO_TIMER) {
            return traceTimer;
        }
        return traceTimer == NO_TIMER ? monitorTimer : Math.min(traceTimer, monitorTimer);
    }

    private static Collector<Finding> findings(Context ctx) {
        return new Collector<>() {
            @Override
            public void collect(Finding f) {
                ctx.output(FINDINGS, f);
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * The monitor's view of the timer service: the clock is the operator's, but registering and
     * deleting are left to {@link MonitoredTraceBuilder}, which keeps one timer for both states (the
     * monitor records the instant it wants in {@link OrderMonitorState#timerMs}).
     */
    static final class DeferredTimers implements TimerService {
        private TimerService clock;

        DeferredTimers over(TimerService timers) {
            this.clock = timers;
            return this;
        }

        @Override
        public long currentProcessingTime() {
            return clock.currentProcessingTime();
        }

        @Override
        public long currentWatermark() {
            return clock.currentWatermark();
        }

        @Override
        public void registerProcessingTimeTimer(long time) {
            throw new UnsupportedOperationException("the order monitor uses event-time timers only");
        }

        @Override
        public void registerEventTimeTimer(long time) {
        }

        @Override
        public void deleteProcessingTimeTimer(long time) {
            throw new UnsupportedOperationException("the order monitor uses event-time timers only");
        }

        @Override
        public void deleteEventTimeTimer(long time) {
        }
    }
}
