package io.fpi.jobs.traces.functions;

import io.fpi.jobs.common.DeadLetter;
import io.fpi.jobs.common.DeadLetterReason;
import io.fpi.jobs.common.FulfillmentEventTypeInfo;
import io.fpi.jobs.common.Hashes;
import io.fpi.jobs.traces.records.OrderChange;
import io.fpi.jobs.traces.records.OrderFacts;
import io.fpi.jobs.traces.records.TraceRow;
import io.fpi.jobs.traces.records.TraceState;
import io.fpi.schemas.EventCodec;
import io.fpi.schemas.FulfillmentEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds each order's trace in event time. Keyed by {@link TraceKeySelector}; one
 * {@link TraceState} per order, one cleanup timer per order.
 *
 * <p>Per new event: insert it at its event-time place, emit it on {@link #EVENTS} (raw row) and
 * emit the whole trace as a fresh {@link TraceRow} (an upsert with version = event count).
 * Duplicates (same event_id) emit nothing. Cleanup: a closed order is dropped at
 * last closing time + retention, an open one at last event time + idle expiry; an event for an
 * order without state that is older than watermark - retention goes to {@link #TOO_LATE}.
 *
 * <p>Each new event also goes out on {@link #ORDER_CHANGES} with the order's facts before and
 * after it (for the KPI operators); nobody has to consume it.
 */
public class TraceBuilder extends KeyedProcessFunction<String, FulfillmentEvent, TraceRow> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TraceBuilder.class);

    public static final OutputTag<FulfillmentEvent> EVENTS = new OutputTag<>("trace-events", FulfillmentEventTypeInfo.INSTANCE);
    public static final OutputTag<DeadLetter> TOO_LATE = new OutputTag<>("too-late", TypeInformation.of(DeadLetter.class));
    public static final OutputTag<OrderChange> ORDER_CHANGES = new OutputTag<>("order-changes", TypeInformation.of(OrderChange.class));

    /** {@link TraceState#cleanupTimer} and {@link #moveTimer} for "no timer". */
    public static final long NO_TIMER = Long.MIN_VALUE;

    private final long retentionMs;
    private final long idleExpiryMs;

    private transient ValueState<TraceState> trace;
    private transient EventCodec codec;
    private transient Counter duplicates;
    private transient Counter lateMerged;
    private transient Counter tooLate;
    private transient Counter expiredOpen;
    private transient Counter closedCleared;

    /**
     * @param retention  how long a closed order's state outlives its last closing event (event time)
     * @param idleExpiry how long an open order's state outlives its last event (event time)
     */
    public TraceBuilder(Duration retention, Duration idleExpiry) {
        this.retentionMs = retention.toMillis();
        this.idleExpiryMs = idleExpiry.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        trace = getRuntimeContext().getState(new ValueStateDescriptor<>("trace", TypeInformation.of(TraceState.class)));
        codec = new EventCodec();
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("traces");
        duplicates = metrics.counter("duplicateEvents");
        lateMerged = metrics.counter("lateEventsMerged");
        tooLate = metrics.counter("tooLateEvents");
        expiredOpen = metrics.counter("expiredOpenOrders");
        closedCleared = metrics.counter("closedOrdersCleared");
    }

    @Override
    public void processElement(FulfillmentEvent event, Context ctx, Collector<TraceRow> out) throws Exception {
        TraceState state = trace.value();
        if (state == null) {
            if (rejectTooLate(event, ctx)) {
                return;
            }
            state = new TraceState();
        }
        long timerBefore = state.cleanupTimer;
        if (addEvent(state, event, ctx, out)) {
            moveTimer(ctx.timerService(), timerBefore, state.cleanupTimer);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TraceRow> out) throws Exception {
        TraceState state = trace.value();
        if (state == null || state.cleanupTimer != timestamp) {
            return; // superseded timers are deleted, so this is only a guard
        }
        expire(state, ctx.getCurrentKey());
    }

    /** The per-order trace state, for subclasses that keep more state under the same key. */
    protected final ValueState<TraceState> traceState() {
        return trace;
    }

    /**
     * For an order without state: whether {@code event} is older than anything retained state could
     * still cover; if so it goes to {@link #TOO_LATE} and must be dropped.
     */
    protected final boolean rejectTooLate(FulfillmentEvent event, Context ctx) {
        long watermark = ctx.timerService().currentWatermark();
        if (!beyondHorizon(event.getEventTime(), watermark)) {
            return false;
        }
        tooLate.inc();
        ctx.output(TOO_LATE, tooLate(event, watermark));
        return true;
    }

    /**
     * Adds {@code event} to {@code state} unless it is a duplicate: updates the state (including
     * {@link TraceState#cleanupTimer}, the instant it should be dropped at; registering a timer is
     * the caller's job, see {@link #moveTimer}) and emits the raw event, the trace row and the order
     * change. Returns false for a duplicate (nothing changed, nothing emitted).
     */
    protected final boolean addEvent(TraceState state, FulfillmentEvent event, Context ctx, Collector<TraceRow> out)
            throws Exception {
        long eventId = Hashes.eventId(event.getEventId());
        if (state.contains(eventId)) {
            duplicates.inc();
            return false;
        }
        if (event.getEventTime() <= ctx.timerService().currentWatermark()) {
            lateMerged.inc();
        }
        OrderFacts before = state.size() == 0 ? null : TraceRows.facts(state);
        state.add(event, eventId);
        state.cleanupTimer = cleanupDeadline(state);
        trace.update(state);
        ctx.output(EVENTS, event);
        out.collect(TraceRows.of(event.getDataset(), event.getOrderId(), state));
        ctx.output(ORDER_CHANGES, new OrderChange(event.getDataset(), event.getOrderId(), event.getActivity(),
                event.getEventTime(), event.getSourceSystem(), event.getErrorCode(), before, TraceRows.facts(state)));
        return true;
    }

    /** Drops the order's trace state (its cleanup instant has come). */
    protected final void expire(TraceState state, Object key) {
        if (state.isClosed()) {
            closedCleared.inc();
        } else {
            expiredOpen.inc();
            LOG.debug("order {} had no event for {} ms of event time and never closed; dropping its state", key, idleExpiryMs);
        }
        trace.clear();
    }

    /**
     * Keeps exactly one event-time timer per order: moves it from {@code before} to {@code after}
     * ({@link #NO_TIMER} = none).
     */
    protected static void moveTimer(TimerService timers, long before, long after) {
        if (before == after) {
            return;
        }
        if (before != NO_TIMER) {
            timers.deleteEventTimeTimer(before);
        }
        if (after != NO_TIMER) {
            timers.registerEventTimeTimer(after);
        }
    }

    /** Closed: last closing + retention; open: last event + idle expiry. */
    private long cleanupDeadline(TraceState state) {
        long closedAt = state.lastClosingTime();
        return closedAt != Long.MIN_VALUE
                ? saturatedAdd(closedAt, retentionMs)
                : saturatedAdd(state.lastEventTime(), idleExpiryMs);
    }

    /** Older than anything retained state could still cover: state for it may have been dropped. */
    private boolean beyondHorizon(long eventTime, long watermark) {
        // the first test also keeps watermark - retentionMs from underflowing
        return watermark > Long.MIN_VALUE + retentionMs && eventTime < watermark - retentionMs;
    }

    private DeadLetter tooLate(FulfillmentEvent event, long watermark) {
        // The original bytes are gone after decoding; the re-encoded event carries the same content.
        // the producers' Kafka key, not the operator key
        byte[] key = (event.getDataset() + "/" + event.getOrderId()).getBytes(StandardCharsets.UTF_8);
        String detail = "event " + event.getEventId() + " at " + event.getEventTime() + " is older than watermark "
                + watermark + " minus retention " + retentionMs + " ms, and the order has no state";
        return new DeadLetter(key, codec.encode(event), DeadLetterReason.TOO_LATE, detail, "", -1, -1);
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
