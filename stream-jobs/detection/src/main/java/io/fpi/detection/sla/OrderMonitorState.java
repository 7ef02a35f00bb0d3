package io.fpi.detection.sla;

import io.fpi.detection.stalls.StallState;
import io.fpi.policies.sla.OrderSlaState;
import io.fpi.policies.sla.SlaEvaluator;

/**
 * The one value {@link OrderMonitor} keeps per open order: the stall tracker's stage and episode
 * (inherited, which saves an object header per order), the SLA evaluator's facts, the last event
 * (for findings), which SLA outcomes were emitted, and the one event-time timer registered for
 * the order.
 *
 * <p>A Flink POJO (checked by {@code OrderMonitorStateTest}). About 360 bytes on the heap for a
 * typical open order, strings shared (SLA_AND_STALLS.md, "State size").
 */
public class OrderMonitorState extends StallState {
    public OrderSlaState sla = new OrderSlaState();
    public long lastEventMs = NONE;
    public String lastActivity;
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
        return "OrderMonitorState{" + sla + ", " + super.toString() + ", last " + lastActivity + "@" + lastEventMs
                + ", outcomes " + Long.toBinaryString(outcomesReported) + ", timer " + timerMs + "}";
    }
}
