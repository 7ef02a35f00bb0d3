package io.fpi.detection.sla;

import io.fpi.detection.stalls.StallFinding;
import io.fpi.detection.stalls.StallRules;
import io.fpi.detection.stalls.StallTracker;
import io.fpi.policies.sla.SlaEvaluator;
import io.fpi.policies.sla.SlaPolicies;
import io.fpi.schemas.CanonicalActivity;
import io.fpi.schemas.Finding;
import io.fpi.schemas.FulfillmentEvent;
import io.fpi.schemas.Phase;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Watches every open order against its SLA policy and its stages' stall thresholds, in event time.
 * Keyed like the trace job ({@code TraceKeySelector}), fed its de-duplicated events.
 *
 * <p>One {@link ValueState} ({@link OrderMonitorState}) and one event-time timer per order, at the
 * earliest of: the SLA evaluator's next instant (at-risk, deadline, resolution), the next SLA
 * outcome, the stall tracker's next instant, and the cleanup instant (the order's closing, or its
 * last event + {@code idleExpiry}). A new instant deletes the old timer first. Findings come only
 * from the timer, i.e. once the watermark has passed the instant they are about, so out-of-order
 * input and replays give the same findings with the same ids.
 *
 * <p>Main output: {@link Finding} (SLA_BREACH, AT_RISK, STALL, RESOLVED). Side output
 * {@link #SLA_OUTCOMES}: one {@link SlaOutcome} per milestone rule that came due.
 *
 * <p>State ends with the order: when the watermark passes its closing and nothing is pending, the
 * state is cleared (its timer has just fired). Events arriving for a key without state start
 * monitoring only if they could belong to a running order (a milestone that neither closes it nor
 * comes after completion, not behind the watermark); the rest — invoices, returns, a straggler of an
 * order already closed — are counted ({@code ignoredEvents}) and dropped, so no state outlives its
 * order. See SLA_AND_STALLS.md for the leak cases.
 */
public final class OrderMonitor extends KeyedProcessFunction<String, FulfillmentEvent, Finding>
        implements ResultTypeQueryable<Finding> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<SlaOutcome> SLA_OUTCOMES =
            new OutputTag<>("sla-outcomes", TypeInformation.of(SlaOutcome.class));
    static final long NO_TIMER = SlaEvaluator.NO_TIMER;

    private final SlaPolicies policies;
    private final StallRules stallRules;
    private final long idleExpiryMs;

    private transient SlaEvaluator evaluator;
    private transient StallTracker tracker;
    private transient ValueState<OrderMonitorState> state;
    private transient Counter findings;
    private transient Counter outcomes;
    private transient Counter ignoredEvents;
    private transient Counter closedOrdersCleared;
    private transient Counter expiredOpenOrders;

    public OrderMonitor(SlaPolicies policies, StallRules stallRules, Duration idleExpiry) {
        this.policies = policies;
        this.stallRules = stallRules;
        this.idleExpiryMs = idleExpiry.toMillis();
    }

    public OrderMonitor(MonitorConfig config) {
        this(config.policies(), config.stallRules(), config.idleExpiry());
    }

    @Override
    public void open(OpenContext openContext) {
        init(getRuntimeContext());
        state = getRuntimeContext().getState(descriptor());
    }

    /** The per-order state's descriptor (also used by {@link MonitoredTraceBuilder}). */
    static ValueStateDescriptor<OrderMonitorState> descriptor() {
        return new ValueStateDescriptor<>("order-monitor", OrderMonitorState.class);
    }

    /**
     * Sets up the evaluator, the tracker and the metrics in {@code context}: this function's own, or
     * that of an operator that runs the monitor's logic under its own key and timer
     * ({@link MonitoredTraceBuilder}).
     */
    void init(RuntimeContext context) {
        evaluator = new SlaEvaluator(policies);
        tracker = new StallTracker(stallRules, policies);
        MetricGroup group = context.getMetricGroup().addGroup("orderMonitor");
        findings = group.counter("findings");
        outcomes = group.counter("slaOutcomes");
        ignoredEvents = group.counter("ignoredEvents");
        closedOrdersCleared = group.counter("closedOrdersCleared");
        expiredOpenOrders = group.counter("expiredOpenOrders");
    }

    @Override
    public void processElement(FulfillmentEvent e, Context ctx, Collector<Finding> out) throws Exception {
        OrderMonitorState m = onEvent(state.value(), e, ctx.timerService(), out);
        if (m != null) {
            state.update(m);
        }
    }

    /**
     * One event of the current order: {@code m} is its state (null: none yet). Returns the state to
     * keep (the same object, or a new one), or null when the event does not start monitoring (nothing
     * to keep). Moves the order's timer on {@code timers} and records it in {@link OrderMonitorState#timerMs}.
     */
    OrderMonitorState onEvent(OrderMonitorState m, FulfillmentEvent e, TimerService timers, Collector<Finding> out) {
        if (m == null) {
            if (!startsMonitoring(e, timers.currentWatermark())) {
                ignoredEvents.inc();
                return null;
            }
            m = new OrderMonitorState();
        }
        OrderMonitorState order = m;
        long fingerprint = m.sla.policiesFingerprint;
        // stalls first: a stage this event ends is judged with the attributes it had
        tracker.onEvent(m, m.sla, e.getActivity(), e.getEventTime(), e.getSourceSystem(), e.getErrorCode(),
                f -> emitStall(f, order, e.getDataset(), e.getOrderId(), out));
        evaluator.onEvent(m.sla, e);
        if (fingerprint != 0 && fingerprint != m.sla.policiesFingerprint) {
            m.outcomesReported = 0; // another policy file: rule bits mean other rules now
        }
        if (e.getEventTime() >= m.lastEventMs) {
            m.lastEventMs = e.getEventTime();
            m.lastActivity = CanonicalActivity.of(e.getActivity()).map(Enum::name).orElseGet(() -> policies.intern(e.getActivity()));
        }
        reschedule(timers, m, Math.min(pending(m), cleanupAt(m)));
        return m;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Finding> out) throws Exception {
        OrderMonitorState m = state.value();
        if (m == null) {
            return;
        }
        if (onTimer(m, ctx.getCurrentKey(), timestamp, ctx.timerService(), out, o -> ctx.output(SLA_OUTCOMES, o))) {
            state.update(m);
        } else {
            state.clear();
        }
    }

    /**
     * The order's timer fired at {@code timestamp}: reports what is due and moves the timer on.
     * Returns false when the order is done and its state must be cleared (no timer left).
     */
    boolean onTimer(OrderMonitorState m, String key, long timestamp, TimerService timers, Collector<Finding> out,
                    Consumer<SlaOutcome> outcomeOut) {
        m.timerMs = NO_TIMER; // this one has fired
        String dataset = datasetOf(key);
        String orderId = orderIdOf(key);
        long fingerprint = m.sla.policiesFingerprint;
        evaluator.onTimer(m.sla, dataset, orderId, timestamp, f -> {
            findings.inc();
            out.collect(MonitorFindings.sla(f, m, stallRules));
        });
        if (fingerprint != 0 && fingerprint != m.sla.policiesFingerprint) {
            m.outcomesReported = 0;
        }
        SlaOutcomes.onTimer(m, evaluator.policyOf(m.sla), dataset, orderId, timestamp, o -> {
            outcomes.inc();
            outcomeOut.accept(o);
        });
        tracker.onTimer(m, m.sla, timestamp, f -> emitStall(f, m, dataset, orderId, out));
        long pending = pending(m);
        if (m.isClosed() && timestamp >= m.sla.closedAtMs) {
            long giveUp = saturatedAdd(m.sla.closedAtMs, idleExpiryMs);
            if (pending == NO_TIMER || timestamp >= giveUp) {
                closedOrdersCleared.inc(); // closed and nothing pending: the order is done
                return false;
            }
            reschedule(timers, m, Math.min(pending, giveUp));
        } else if (!m.isClosed() && timestamp >= saturatedAdd(m.lastEventMs, idleExpiryMs)) {
            expiredOpenOrders.inc(); // an order that never closed: give up on it
            return false;
        } else {
            reschedule(timers, m, Math.min(pending, cleanupAt(m)));
        }
        return true;
    }

    /** The earliest instant a finding or outcome of the order is due, or {@link #NO_TIMER}. */
    long pending(OrderMonitorState m) {
        long next = Math.min(m.sla.nextTimerMs, SlaOutcomes.next(m, evaluator.policyOf(m.sla)));
        return Math.min(next, tracker.nextTimer(m, m.sla));
    }

    /**
     * When to look at the order with nothing else due: at its closing (once the watermark passes it,
     * everything is settled and the state goes), or, while open, at its idle expiry.
     */
    private long cleanupAt(OrderMonitorState m) {
        return m.isClosed() ? m.sla.closedAtMs : saturatedAdd(m.lastEventMs, idleExpiryMs);
    }

    private static void reschedule(TimerService timers, OrderMonitorState m, long next) {
        if (next == m.timerMs) {
            return;
        }
        if (m.timerMs != NO_TIMER) {
            timers.deleteEventTimeTimer(m.timerMs);
        }
        if (next != NO_TIMER) {
            timers.registerEventTimeTimer(next);
        }
        m.timerMs = next;
    }

    private void emitStall(StallFinding f, OrderMonitorState m, String dataset, String orderId, Collector<Finding> out) {
        findings.inc();
        out.collect(MonitorFindings.stall(f, m, dataset, orderId, stallRules.version()));
    }

    /**
     * Whether an event for an order without state starts monitoring it: a milestone of a running
     * order, not behind the watermark. Not: activities after completion (finance, returns), a
     * closing activity (nothing left to watch), non-milestones (they happen during a stage whose
     * milestone we have not seen), or data older than the watermark (a straggler of an order
     * already cleaned up; watching it would report stalls and breaches that are long settled).
     */
    static boolean startsMonitoring(FulfillmentEvent e, long watermark) {
        if (e.getEventTime() <= watermark || !CanonicalActivity.isMilestone(e.getActivity())) {
            return false;
        }
        CanonicalActivity a = CanonicalActivity.of(e.getActivity()).orElse(null);
        return a == null || (a.closesAs() == null && a.phase() != Phase.RETURNS && a.phase() != Phase.FINANCE);
    }

    /** From the trace job's key {@code <length of dataset>:<dataset>/<order_id>}. */
    static String datasetOf(String key) {
        int colon = key.indexOf(':');
        int length = Integer.parseInt(key.substring(0, colon));
        return key.substring(colon + 1, colon + 1 + length);
    }

    static String orderIdOf(String key) {
        int colon = key.indexOf(':');
        int length = Integer.parseInt(key.substring(0, colon));
        return key.substring(colon + 2 + length);
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    @Override
    public TypeInformation<Finding> getProducedType() {
        return io.fpi.detection.findings.FindingTypeInfo.INSTANCE;
    }
}
