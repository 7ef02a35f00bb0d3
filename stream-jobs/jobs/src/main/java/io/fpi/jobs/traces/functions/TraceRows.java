package io.fpi.jobs.traces.functions;

import io.fpi.jobs.common.Hashes;
import io.fpi.jobs.traces.records.OrderFacts;
import io.fpi.jobs.traces.records.TraceRow;
import io.fpi.jobs.traces.records.TraceState;
import io.fpi.schemas.CanonicalActivity;
import io.fpi.schemas.OrderStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Derives the trace row of an order from its state. A pure function of the event set (the state is
 * kept in a canonical order), which is what makes replays after a restore produce identical rows.
 * The definitions are spelled out in stream-jobs/DISCUSSION.md ("Trace semantics").
 */
public final class TraceRows {
    static final String STAGE_ARROW = " -> ";
    static final String VARIANT_SEPARATOR = " > ";

    private TraceRows() {}

    public static TraceRow of(String dataset, String orderId, TraceState s) {
        int n = s.size();
        TraceRow r = new TraceRow();
        r.dataset = dataset;
        r.orderId = orderId;
        r.version = n;
        r.eventCount = n;
        r.activities = s.activities.clone();
        r.activityTimesMs = s.eventTimes.clone();
        r.lastActivity = s.activities[n - 1];
        r.lastEventMs = s.eventTimes[n - 1];
        r.placedAtMs = placedAt(s);
        closing(s, r);
        stages(s, r);
        handoffs(s, r);
        r.variant = String.join(VARIANT_SEPARATOR, s.activities);
        r.variantHash = Hashes.variant(Arrays.asList(s.activities));
        r.channel = orEmpty(s.channel);
        r.fulfillmentType = orEmpty(s.fulfillmentType);
        r.nodeId = orEmpty(s.routedNodeId != null ? s.routedNodeId : s.nodeId);
        r.region = orEmpty(s.region);
        r.promisedByMs = s.promisedBy;
        r.unitsOrdered = s.unitsOrdered;
        r.unitsFulfilled = s.unitsFulfilled;
        return r;
    }

    /**
     * The order's KPI facts, by the same rules as {@link #of} (placement, closing, attributes), plus
     * the cost sum and the first return / refund times.
     */
    public static OrderFacts facts(TraceState s) {
        OrderFacts f = new OrderFacts();
        f.channel = orEmpty(s.channel);
        f.fulfillmentType = orEmpty(s.fulfillmentType);
        f.region = orEmpty(s.region);
        f.nodeId = orEmpty(s.routedNodeId != null ? s.routedNodeId : s.nodeId);
        f.placedAtMs = placedAt(s);
        OrderStatus status = OrderStatus.OPEN;
        for (int i = 0; i < s.size(); i++) {
            String a = s.activities[i];
            OrderStatus closes = TraceState.closesAs(a);
            if (closes != null) {
                status = closes;
                if (f.completedAtMs == null) {
                    f.completedAtMs = s.eventTimes[i];
                }
            }
            if (f.returnInitiatedMs == null && CanonicalActivity.RETURN_INITIATED.name().equals(a)) {
                f.returnInitiatedMs = s.eventTimes[i];
            }
            if (f.refundIssuedMs == null && CanonicalActivity.REFUND_ISSUED.name().equals(a)) {
                f.refundIssuedMs = s.eventTimes[i];
            }
        }
        f.status = status.wireName();
        f.cycleTimeMs = f.completedAtMs == null ? null : f.completedAtMs - f.placedAtMs;
        f.unitsOrdered = s.unitsOrdered;
        f.unitsFulfilled = s.unitsFulfilled;
        f.costMinor = s.costMinor;
        return f;
    }

    /** ORDER_PLACED's time if there is one, else the first event's. */
    private static long placedAt(TraceState s) {
        for (int i = 0; i < s.size(); i++) {
            if (CanonicalActivity.ORDER_PLACED.name().equals(s.activities[i])) {
                return s.eventTimes[i];
            }
        }
        return s.eventTimes[0];
    }

    /** Status from the last closing event; completed_at from the first one. */
    private static void closing(TraceState s, TraceRow r) {
        OrderStatus status = OrderStatus.OPEN;
        Long completedAt = null;
        for (int i = 0; i < s.size(); i++) {
            OrderStatus closes = TraceState.closesAs(s.activities[i]);
            if (closes != null) {
                status = closes;
                if (completedAt == null) {
                    completedAt = s.eventTimes[i];
                }
            }
        }
        r.status = status.wireName();
        r.completedAtMs = completedAt;
        r.cycleTimeMs = completedAt == null ? null : completedAt - r.placedAtMs;
    }

    /**
     * Consecutive milestones form stages "FROM -> TO"; a milestone repeated back to back counts
     * once, at its first occurrence (when it was reached).
     */
    private static void stages(TraceState s, TraceRow r) {
        List<String> names = new ArrayList<>();
        LongList starts = new LongList();
        LongList durations = new LongList();
        String from = null;
        long fromTime = 0;
        for (int i = 0; i < s.size(); i++) {
            String a = s.activities[i];
            if (!CanonicalActivity.isMilestone(a) || a.equals(from)) {
                continue;
            }
            if (from != null) {
                names.add(from + STAGE_ARROW + a);
                starts.add(fromTime);
                durations.add(s.eventTimes[i] - fromTime);
            }
            from = a;
            fromTime = s.eventTimes[i];
        }
        r.stageNames = names.toArray(new String[0]);
        r.stageStartMs = starts.toArray();
        r.stageDurationsMs = durations.toArray();
        r.currentStage = from != null && OrderStatus.OPEN.wireName().equals(r.status) ? from : "";
    }

    /** Each pair of consecutive events whose source systems differ. */
    private static void handoffs(TraceState s, TraceRow r) {
        List<String> from = new ArrayList<>();
        List<String> to = new ArrayList<>();
        LongList latency = new LongList();
        for (int i = 1; i < s.size(); i++) {
            if (!s.sourceSystems[i].equals(s.sourceSystems[i - 1])) {
                from.add(s.sourceSystems[i - 1]);
                to.add(s.sourceSystems[i]);
                latency.add(s.eventTimes[i] - s.eventTimes[i - 1]);
            }
        }
        r.handoffFrom = from.toArray(new String[0]);
        r.handoffTo = to.toArray(new String[0]);
        r.handoffLatencyMs = latency.toArray();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** A growable long[] without boxing. */
    private static final class LongList {
        private long[] a = new long[8];
        private int n;

        void add(long v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
