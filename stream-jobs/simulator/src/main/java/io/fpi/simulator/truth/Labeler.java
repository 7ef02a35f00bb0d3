package io.fpi.simulator.truth;

import io.fpi.schemas.CanonicalActivity;
import io.fpi.schemas.OrderStatus;
import io.fpi.simulator.orders.Effect;
import io.fpi.simulator.orders.OrderPlan;
import io.fpi.simulator.orders.OrderProfile;
import io.fpi.simulator.orders.PlannedEvent;
import io.fpi.simulator.orders.StallInjection;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an order's plan into its ground truth. Works on the events actually emitted (all of them
 * for a finished order, a prefix-by-emission for one cut off by a stop), so the truth always
 * describes the stream a consumer saw.
 */
public final class Labeler {
    private Labeler() {}

    /** Truth of a finished order: every planned event was emitted. */
    public static OrderTruth finished(OrderPlan plan) {
        return of(plan, null, Long.MAX_VALUE);
    }

    /**
     * @param emitted which planned events (by index) were emitted; null for all
     * @param horizonMs the simulated time the run stopped at (Long.MAX_VALUE when finished)
     */
    public static OrderTruth of(OrderPlan plan, boolean[] emitted, long horizonMs) {
        List<PlannedEvent> events = new ArrayList<>(plan.eventCount());
        for (int i = 0; i < plan.eventCount(); i++) {
            if (emitted == null || emitted[i]) {
                events.add(plan.event(i));
            }
        }
        boolean truncated = emitted != null;
        OrderProfile p = plan.profile();
        OrderStatus status = OrderStatus.OPEN;
        Long completedAt = null;
        List<TruthEvent> listed = new ArrayList<>(events.size());
        for (PlannedEvent e : events) {
            listed.add(new TruthEvent(e.eventId(), e.activity().name(), e.timeMs(), e.source()));
            if (e.activity().closesAs() != null) {
                status = e.activity().closesAs();
                if (status == OrderStatus.COMPLETED && completedAt == null) {
                    completedAt = e.timeMs();
                }
            }
        }
        LateLabel late = late(plan, events, truncated, horizonMs);
        StallLabel stalled = stalled(plan, events);
        FailedLabel failed = failed(plan, events);
        List<EffectRecord> effects = new ArrayList<>(plan.effects().size());
        for (Effect e : plan.effects()) {
            effects.add(new EffectRecord(e.cause(), e.effect(), e.delayMs()));
        }
        String cause = orderCause(plan, late != null, late != null || stalled != null || failed != null);
        String node = plan.finalNode() == null ? null : plan.finalNode().id();
        String initial = plan.initialNode() == null ? null : plan.initialNode().id();
        return new OrderTruth(plan.dataset(), plan.orderId(), p.type().name(), p.channel().name(), p.storefront(),
                p.serviceLevel(), node, initial, plan.finalNode() == null ? null : plan.finalNode().region().name(),
                p.region().name(), plan.carrier() == null ? null : plan.carrier().name(), p.placedAtMs(),
                p.promisedByMs(), status.wireName(), completedAt, listed, late, stalled, failed, cause, effects, truncated);
    }

    /** The first scenario that touched the order; else the peak of a late order; else base if anything happened. */
    private static String orderCause(OrderPlan plan, boolean late, boolean labelled) {
        for (Effect e : plan.effects()) {
            if (!"base".equals(e.cause())) {
                return e.cause();
            }
        }
        if (late && plan.slowdownCause() != null) {
            return plan.slowdownCause();
        }
        return labelled || !plan.effects().isEmpty() ? "base" : null;
    }

    private static LateLabel late(OrderPlan plan, List<PlannedEvent> events, boolean truncated, long horizon) {
        CanonicalActivity milestone = plan.profile().type().promiseMilestone();
        long deadline = plan.profile().promisedByMs();
        PlannedEvent reached = first(events, milestone);
        PlannedEvent cancelled = first(events, CanonicalActivity.ORDER_CANCELLED);
        boolean late;
        if (reached != null) {
            late = reached.timeMs() > deadline;
        } else if (cancelled != null) {
            late = cancelled.timeMs() > deadline;
        } else {
            late = !truncated || horizon > deadline;
        }
        if (!late) {
            return null;
        }
        long limit = reached != null ? reached.timeMs() : deadline;
        return new LateLabel(milestone.name(), deadline, reached == null ? null : reached.timeMs(),
                reached == null ? null : reached.timeMs() - deadline, delayCause(plan, limit));
    }

    /** The injection with the largest delay that took hold before {@code limit}. */
    private static String delayCause(OrderPlan plan, long limit) {
        String best = null;
        long bestDelay = -1;
        StallInjection s = plan.stall();
        if (s != null && s.sinceMs() < limit) {
            best = s.cause();
            bestDelay = s.never() ? Long.MAX_VALUE : s.injectedMs();
        }
        for (Effect e : plan.effects()) {
            if (e.atMs() < limit && e.delayMs() > bestDelay) {
                best = e.cause();
                bestDelay = e.delayMs();
            }
        }
        if (best == null && plan.slowdownCause() != null) {
            best = plan.slowdownCause();
        }
        return best == null ? "base" : best;
    }

    private static StallLabel stalled(OrderPlan plan, List<PlannedEvent> events) {
        StallInjection s = plan.stall();
        if (s == null) {
            return null;
        }
        int at = -1;
        for (int i = 0; i < events.size(); i++) {
            PlannedEvent e = events.get(i);
            if (e.activity() == s.after() && e.timeMs() == s.sinceMs()) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            return null; // the stalled stage was never reached in the emitted stream
        }
        PlannedEvent next = null;
        for (int i = at + 1; i < events.size() && next == null; i++) {
            if (events.get(i).activity().milestone()) {
                next = events.get(i);
            }
        }
        return new StallLabel(s.after().name(), s.after().phase().name(), s.sinceMs(),
                next == null ? null : next.timeMs() - s.sinceMs(), s.injectedMs(), next != null,
                next == null ? null : next.activity().name(), s.cause());
    }

    private static FailedLabel failed(OrderPlan plan, List<PlannedEvent> events) {
        PlannedEvent cancelled = first(events, CanonicalActivity.ORDER_CANCELLED);
        if (cancelled != null) {
            return new FailedLabel("CANCELLED", plan.cancelReason(), cancelled.timeMs(), false, plan.cancelCause());
        }
        PlannedEvent deliveryFailed = first(events, CanonicalActivity.DELIVERY_FAILED);
        if (deliveryFailed != null) {
            boolean recovered = first(events, CanonicalActivity.DELIVERED) != null;
            return new FailedLabel("DELIVERY_FAILED", plan.deliveryFailure(), deliveryFailed.timeMs(), recovered, "base");
        }
        return null;
    }

    private static PlannedEvent first(List<PlannedEvent> events, CanonicalActivity a) {
        for (PlannedEvent e : events) {
            if (e.activity() == a) {
                return e;
            }
        }
        return null;
    }
}
