package io.fpi.simulator.orders;

import io.fpi.schemas.CanonicalActivity;
import io.fpi.schemas.OrderStatus;
import io.fpi.simulator.network.Carrier;
import io.fpi.simulator.network.Node;
import io.fpi.simulator.random.Rng;
import io.fpi.simulator.scenarios.Scenarios;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order being written, step by step, by the lifecycle phases. It keeps a cursor (the time of
 * the last milestone), and owns the generic injections that may hit any stage: a base-rate stall
 * before the k-th milestone, a customer cancellation before the point of no return, and one
 * integration glitch. Once an order is cancelled or frozen (stalled forever), further steps are
 * silently dropped, so phases need not check after every call.
 */
final class PlanBuilder {
    /** The smallest injected delay labelled as a stall (smaller ones just delay). */
    static final long MIN_STALL_MS = 30 * 60_000L;
    private static final Comparator<PlannedEvent> EVENT_ORDER =
            Comparator.comparingLong(PlannedEvent::timeMs).thenComparingInt(PlannedEvent::creation);

    private final String dataset;
    private final OrderProfile profile;
    private final Rng rng;
    private final Scenarios scenarios;
    private final List<PlannedEvent> events = new ArrayList<>(24);
    private final List<Effect> effects = new ArrayList<>(2);
    private long t;
    private long pendingDelay;
    private Node node;
    private Node initialNode;
    private Carrier carrier;
    private int milestones;
    private PlannedEvent lastMilestone;
    private boolean closed;
    private boolean frozen;
    private boolean pastPointOfNoReturn;
    private long completedAt = -1;
    private long cancelledAt = -1;
    private long shippedAt = -1;
    private int unitsFulfilled;
    private StallInjection stall;
    private String cancelReason;
    private String cancelCause;
    private String deliveryFailure;
    private double slowdown = 1.0;
    private String slowdownCause;
    private int baseStallAt = -1;
    private long baseStallMs;
    private boolean baseStallNever;
    private long customerCancelAt = -1;
    private String glitchSystem;

    PlanBuilder(String dataset, OrderProfile profile, Rng rng, Scenarios scenarios) {
        this.dataset = dataset;
        this.profile = profile;
        this.rng = rng;
        this.scenarios = scenarios;
        this.t = profile.placedAtMs();
        this.carrier = profile.carrier();
        this.unitsFulfilled = profile.units();
    }

    // ---- injections decided at placement ----

    void planBaseStall(int beforeMilestone, long delayMs, boolean never) {
        baseStallAt = beforeMilestone;
        baseStallMs = delayMs;
        baseStallNever = never;
    }

    void planCustomerCancel(long atMs) {
        customerCancelAt = atMs;
    }

    void planGlitch(String system) {
        glitchSystem = system;
    }

    void slowDown(double factor, String cause) {
        slowdown = factor;
        slowdownCause = cause;
    }

    // ---- state ----

    OrderProfile profile() {
        return profile;
    }

    Rng rng() {
        return rng;
    }

    Scenarios scenarios() {
        return scenarios;
    }

    boolean active() {
        return !closed && !frozen;
    }

    Node node() {
        return node;
    }

    void node(Node n) {
        if (initialNode == null) {
            initialNode = n;
        }
        node = n;
    }

    Carrier carrier() {
        return carrier;
    }

    void carrier(Carrier c) {
        carrier = c;
    }

    int unitsFulfilled() {
        return unitsFulfilled;
    }

    void unitsFulfilled(int u) {
        unitsFulfilled = u;
    }

    long completedAt() {
        return completedAt;
    }

    /** When the carrier took the parcel (-1 if not shipped): invoicing and capture happen then. */
    long shippedAt() {
        return shippedAt;
    }

    void shipped(long at) {
        if (active()) {
            shippedAt = at;
        }
    }

    void pointOfNoReturn() {
        pastPointOfNoReturn = true;
    }

    /** The promotion-peak stretch of capacity-bound stages (1 outside a peak). */
    double slowdown() {
        return slowdown;
    }

    /** A natural stage duration, stretched by a promotion peak for capacity-bound stages. */
    long stage(StageTime s) {
        double f = s.capacityBound() ? slowdown : 1.0;
        return rng.lognormal((long) (s.medianMs() * f), s.sigma(), (long) (s.capMs() * f));
    }

    /**
     * The time the next step may start: the cursor plus any injected delay pending for the next
     * milestone (the base-rate stall is injected here, so store-hours arithmetic sees it).
     */
    long resume() {
        injectBaseStallIfDue();
        t += pendingDelay;
        pendingDelay = 0;
        return t;
    }

    private void injectBaseStallIfDue() {
        if (baseStallAt > 0 && milestones + 1 == baseStallAt && stall == null && !pastPointOfNoReturn) {
            baseStallAt = -1;
            stallBeforeNext("base", baseStallMs, baseStallNever);
        }
    }

    void advanceTo(long time) {
        t = Math.max(t, time);
    }

    // ---- events ----

    PlannedEvent placed(String source) {
        PlannedEvent e = add(CanonicalActivity.ORDER_PLACED, profile.placedAtMs(), source);
        milestones++;
        lastMilestone = e;
        return e;
    }

    /** A milestone {@code delayMs} after the cursor (plus any pending injected delay). */
    PlannedEvent milestone(CanonicalActivity a, String source, long delayMs) {
        return milestoneAt(a, source, resume() + delayMs);
    }

    /**
     * A milestone at an absolute time, which moves the cursor. A delay injected since the caller
     * last called {@link #resume()} still pushes it, so "natural time + injected stall" holds.
     */
    PlannedEvent milestoneAt(CanonicalActivity a, String source, long time) {
        injectBaseStallIfDue();
        long pending = pendingDelay;
        long at = Math.max(time + pending, resume() + 1);
        if (!active()) {
            return detached(a, at, source);
        }
        if (customerCancelAt >= 0 && !pastPointOfNoReturn && at > customerCancelAt) {
            long cancelTime = Math.max(t + 1, customerCancelAt);
            customerCancelAt = -1;
            cancelAt(cancelTime, "CUSTOMER_REQUEST", "base", profile.channel().captureSystem());
            return detached(a, at, source);
        }
        t = at;
        milestones++;
        PlannedEvent e = add(a, at, source);
        lastMilestone = e;
        if (a.closesAs() == OrderStatus.COMPLETED) {
            completedAt = at;
        }
        return e;
    }

    /** A non-cursor event (exception, sync, integration call, finance) at an absolute time. */
    PlannedEvent at(CanonicalActivity a, String source, long time) {
        long at = Math.max(time, profile.placedAtMs() + 1);
        return active() ? add(a, at, source) : detached(a, at, source);
    }

    void cancel(String reason, String cause, String source, long delayMs) {
        cancelAt(resume() + delayMs, reason, cause, source);
    }

    private void cancelAt(long time, String reason, String cause, String source) {
        if (!active()) {
            return;
        }
        t = Math.max(time, t + 1);
        add(CanonicalActivity.ORDER_CANCELLED, t, source).error(reason, "order cancelled: " + reason);
        cancelReason = reason;
        cancelCause = cause;
        cancelledAt = t;
        closed = true;
    }

    void deliveryFailed(String code) {
        if (deliveryFailure == null) {
            deliveryFailure = code;
        }
    }

    /**
     * Inserts an idle gap before the next milestone (or freezes the order when {@code never}).
     * Only the first stall is labelled; later ones still delay.
     */
    void stallBeforeNext(String cause, long delayMs, boolean never) {
        if (!active()) {
            return;
        }
        if (stall == null && lastMilestone != null) {
            stall = new StallInjection(cause, lastMilestone.activity(), lastMilestone.timeMs(), never ? 0 : delayMs, never);
        }
        if (never) {
            frozen = true;
        } else {
            pendingDelay += delayMs;
        }
    }

    void effect(String cause, String effect, long delayMs) {
        if (active()) {
            effects.add(new Effect(cause, effect, delayMs, t));
        }
    }

    /**
     * The order's one integration glitch, if it is planned on {@code system}: a failed call at
     * {@code at} and a successful retry minutes later. Returns the delay it caused (0 if none).
     */
    long glitch(String system, String errorCode, long at) {
        if (!system.equals(glitchSystem) || !active()) {
            return 0;
        }
        glitchSystem = null;
        long retry = at + stage(StageTimes.RETRY);
        PlannedEvent failed = at(CanonicalActivity.INTEGRATION_CALL_FAILED, system, at)
                .error(errorCode, system + " call failed").attr("target", system);
        PlannedEvent retried = at(CanonicalActivity.INTEGRATION_CALL_RETRIED, system, retry).attr("target", system);
        if ("CARRIER".equals(system) && carrier != null) {
            failed.attr("carrier", carrier.name());
            retried.attr("carrier", carrier.name());
        }
        return retry - at;
    }

    private PlannedEvent add(CanonicalActivity a, long time, String source) {
        PlannedEvent e = new PlannedEvent(a, time, source, node, events.size());
        events.add(e);
        return e;
    }

    /** A throwaway event for steps after the order ended, so callers can still chain setters. */
    private PlannedEvent detached(CanonicalActivity a, long time, String source) {
        return new PlannedEvent(a, time, source, node, -1);
    }

    OrderPlan build() {
        if (cancelledAt >= 0) {
            // stray side events scheduled past the cancellation never happen: nothing follows it
            events.removeIf(e -> e.timeMs() > cancelledAt);
        }
        PlannedEvent[] sorted = events.toArray(new PlannedEvent[0]);
        java.util.Arrays.sort(sorted, EVENT_ORDER);
        String prefix = profile.orderId() + "-";
        for (int i = 0; i < sorted.length; i++) {
            sorted[i].assign(i, i < 10 ? prefix + "0" + i : prefix + i);
        }
        return new OrderPlan(dataset, profile, sorted, initialNode, node, profile.type().pickup() ? null : carrier,
                stall, effects, cancelReason, cancelCause, deliveryFailure, slowdownCause);
    }
}
