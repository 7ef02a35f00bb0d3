package io.fpi.detection.sla;

import io.fpi.detection.stalls.StallState;
import io.fpi.policies.sla.OrderSlaState;
import io.fpi.policies.sla.SlaEvaluator;

/**
 * The one value {@link OrderMonitor} keeps per open order: the SLA evaluator's facts, the stall
 * tracker's stage and episode, the last event (for findings), which SLA outcomes were emitted,
 * and the one event-time timer registered for the order.
 *
 * <p>A Flink POJO (checked by {@code OrderMonitorStateTest}). About 430 bytes on the heap for a
 * typical open order, strings shared (see SLA_AND_STALLS.md, "State size").
 */
public class OrderMonitorState {
    public static final long NONE = OrderSlaState.UNKNOWN;

    public OrderSlaState sla = new OrderSlaState();
    public StallState stall = new StallState();
    public long lastEventMs = NONE;
    public String lastActivity;
    public String lastSource;
    /** Bit {@code SlaRule.index()} set: that milestone's {@link SlaOutcome} was emitted (or it expired). */
    public long outcomesReported;
    /** The registered event-time timer, {@link SlaEvaluator#NO_TIMER} for none. */
    public long timerMs = SlaEvaluator.NO_TIMER;

    public OrderMonitorState() {}

    boolean isClosed() {
        return sla.isClosed();
    }

    @Override
    public String toString() {
        return "OrderMonitorState{" + sla + ", " + stall + ", last " + lastActivity + "@" + lastEventMs + ", outcomes "
                + Long.toBinaryString(outcomesReported) + ", timer " + timerMs + "}";
    }
}
