package io.fpi.detection.nodes;

import static io.fpi.detection.nodes.NodeStageState.NONE;

import io.fpi.schemas.CanonicalActivity;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Blocked-stage detection for one watched (dataset, node, stage), without Flink: cross-order
 * evidence that per-order thresholds cannot see. Feed it the node's milestones in event-time order
 * ({@link #apply}), then {@link #evaluate} at that instant; {@link #next} is when to evaluate again
 * if nothing arrives.
 *
 * <p>The stage is <em>blocked</em> when at least {@code min_orders} orders wait behind the frontier
 * (they entered after the latest-entered order that progressed out of the stage here) and the oldest
 * of them has waited {@code blocked_after}: orders keep coming in, none of the newer ones gets out. A
 * healthy stage, however slow (a promotion peak), keeps letting some recent arrivals through, so its
 * frontier stays close behind the newest entries. Every order that waits behind the frontier while
 * the stage is blocked is <em>tainted</em>; it stalls ({@code node_blocked}) once it has waited
 * {@code order_idle} itself, even if the stage has recovered meanwhile and drains its backlog in
 * another order. One slow order never blocks a stage: its successors overtake it. An order with an
 * open pausing exception (stalls.yaml pause_on_exceptions: someone works on it) is not reported; its
 * own wait restarts at the resolution, as in the order monitor.
 *
 * <p>Only orders of the watched stage are kept (by the caller, in {@link Waits}); the state here is
 * a few numbers plus the candidates and pending reports, which are short unless the stage is blocked.
 * Orders that never leave (lost, moved away without a trace) are forgotten {@code forget_after} after
 * they entered.
 */
public final class NodeStageTracker implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The waiting orders of one key, by order id (a MapState in the operator, a HashMap in tests). */
    public interface Waits {
        NodeWait get(String orderId) throws Exception;

        void put(String orderId, NodeWait wait) throws Exception;

        void remove(String orderId) throws Exception;

        Iterable<Map.Entry<String, NodeWait>> entries() throws Exception;
    }

    private static final String RAISED = CanonicalActivity.EXCEPTION_RAISED.name();
    private static final String RESOLVED = CanonicalActivity.EXCEPTION_RESOLVED.name();
    static final int LEARN_AFTER = 10;
    static final double LEARN_RATE = 0.05;
    private static final long MIN_LEARNED_MS = 1_000;

    private final NodeStageRule rule;

    public NodeStageTracker(NodeStageRule rule) {
        this.rule = rule;
    }

    public NodeStageRule rule() {
        return rule;
    }

    /** Applies one milestone at this node (all of an instant's milestones before {@link #evaluate} at it). */
    public void apply(NodeStageState s, Waits waits, NodeMilestone m, Consumer<NodeStageFinding> out) throws Exception {
        if (m.region != null) {
            s.region = m.region;
        }
        NodeWait w = waits.get(m.orderId);
        if (RAISED.equals(m.activity) || RESOLVED.equals(m.activity)) {
            if (w != null) {
                pauseOrResume(s, waits, m, w);
            }
            return;
        }
        if (w != null) {
            if (!m.departure && m.activity.equals(rule.stage())) {
                return; // a repeat of the stage's milestone: the order has not moved
            }
            waits.remove(m.orderId);
            s.waiting--;
            removeCandidate(s, m.orderId);
            removePending(s, m.orderId);
            if (w.reportedMs != NONE) {
                out.accept(new NodeStageFinding(NodeStageFinding.Kind.ORDER_RESOLVED, m.orderId, w, m.timeMs,
                        w.reportedMs, s.waiting, s.lastProgressMs));
            }
            if (isProgress(m)) {
                s.lastProgressMs = Math.max(s.lastProgressMs, m.timeMs);
                learn(s, m.timeMs - w.entryMs);
                if (w.entryMs > s.frontierMs) {
                    s.frontierMs = w.entryMs;
                    dropCandidatesUpTo(s, w.entryMs);
                }
            }
        } else if (!m.departure && m.activity.equals(rule.stage())) {
            waits.put(m.orderId, new NodeWait(m.timeMs, m.channel, m.fulfillmentType));
            s.waiting++;
            if (m.timeMs > s.frontierMs) {
                s.candidateIds = append(s.candidateIds, m.orderId);
                s.candidateEntries = append(s.candidateEntries, m.timeMs);
            }
            if (s.sweepMs == NONE) {
                s.sweepMs = m.timeMs + rule.forgetAfterMs();
            }
        }
    }

    /**
     * Settles the instant {@code t} after its milestones were applied: forgets orders past
     * forget_after, starts or ends the blocked episode, taints the orders behind the frontier while
     * blocked and reports those whose STALL is due.
     */
    public void evaluate(NodeStageState s, Waits waits, long t, Consumer<NodeStageFinding> out) throws Exception {
        if (s.sweepMs != NONE && t >= s.sweepMs) {
            sweep(s, waits, t);
        }
        long stillBlocked = blockedAt(s);
        if (s.blockedSinceMs != NONE && (stillBlocked == NONE || stillBlocked > t)) {
            out.accept(new NodeStageFinding(NodeStageFinding.Kind.NODE_RESOLVED, null, null, t, s.blockedSinceMs,
                    s.candidateIds.length, s.lastProgressMs));
            s.blockedSinceMs = NONE;
        }
        long blockedAt = blockingAt(s);
        if (s.blockedSinceMs == NONE && blockedAt != NONE && blockedAt <= t) {
            s.blockedSinceMs = blockedAt;
            s.blockedWaiting = s.candidateIds.length;
            out.accept(new NodeStageFinding(NodeStageFinding.Kind.NODE_BLOCKED, null, null, blockedAt, blockedAt,
                    s.candidateIds.length, s.lastProgressMs));
        }
        if (s.blockedSinceMs != NONE) {
            taint(s, waits, t);
        }
        while (s.pendingIds.length > 0 && s.pendingDue[0] <= t) {
            String id = s.pendingIds[0];
            long due = s.pendingDue[0];
            long since = s.pendingSince[0];
            removePendingAt(s, 0);
            NodeWait w = waits.get(id);
            if (w != null && w.reportedMs == NONE && w.pausedMs != NONE) {
                w.deferred = true; // someone works on it: due again order_idle after the resolution
                waits.put(id, w);
            } else if (w != null && w.reportedMs == NONE) {
                w.reportedMs = due;
                waits.put(id, w);
                out.accept(new NodeStageFinding(NodeStageFinding.Kind.ORDER_STALL, id, w, due,
                        since, s.waiting, s.lastProgressMs));
            }
        }
    }

    /** The next instant to evaluate without new input: the blocking, a due report, or a sweep; NONE if nothing is due. */
    public long next(NodeStageState s) {
        long next = Long.MAX_VALUE;
        if (s.blockedSinceMs == NONE) {
            long b = blockingAt(s);
            if (b != NONE) {
                next = b;
            }
        }
        if (s.pendingDue.length > 0) {
            next = Math.min(next, s.pendingDue[0]);
        }
        if (s.sweepMs != NONE) {
            next = Math.min(next, s.sweepMs);
        }
        return next == Long.MAX_VALUE ? NONE : next;
    }

    /** Nothing waits and nothing is pending: the key's state can go. */
    public static boolean isIdle(NodeStageState s) {
        return s.waiting <= 0 && s.blockedSinceMs == NONE && s.pendingIds.length == 0;
    }

    /** When the stage is (or would be) blocked with the candidates as they are; NONE if too few wait. */
    long blockedAt(NodeStageState s) {
        int k = rule.minOrders();
        if (s.candidateEntries.length < k) {
            return NONE;
        }
        return Math.max(s.candidateEntries[0] + blockedAfterMs(s), s.candidateEntries[k - 1]);
    }

    /**
     * The wait that blocks the stage: blocked_after, or typical_factor x the stage's typical time here
     * if that is longer (learned once {@value #LEARN_AFTER} orders progressed). A stage that is slow
     * for everyone (a promotion peak) thus needs a longer wait without progress to count as blocked.
     */
    long blockedAfterMs(NodeStageState s) {
        if (s.learnedCount < LEARN_AFTER || rule.typicalFactor() <= 0) {
            return rule.blockedAfterMs();
        }
        return Math.max(rule.blockedAfterMs(), (long) (rule.typicalFactor() * Math.exp(s.typicalLogMs)));
    }

    /**
     * The typical time: an exponentially weighted mean of the log durations of orders that progressed
     * (so about their median, weighted to the last ~20), fed in event-time order, hence deterministic.
     */
    private static void learn(NodeStageState s, long durationMs) {
        double x = Math.log(Math.max(MIN_LEARNED_MS, durationMs));
        s.typicalLogMs = s.learnedCount == 0 ? x : s.typicalLogMs + LEARN_RATE * (x - s.typicalLogMs);
        if (s.learnedCount < Integer.MAX_VALUE) {
            s.learnedCount++;
        }
    }

    /**
     * When a blocked episode starts with the candidates as they are: {@link #blockedAt} if orders were
     * still coming in then (the newest entered at most half of blocked_after before), else NONE.
     * Without that, the last few orders before a lull (or the end of a bounded input) would block a
     * slow stage merely because nothing came after them that could overtake them.
     */
    long blockingAt(NodeStageState s) {
        long b = blockedAt(s);
        if (b == NONE) {
            return NONE;
        }
        long newest = s.candidateEntries[s.candidateEntries.length - 1];
        return b <= newest + blockedAfterMs(s) / 2 ? b : NONE;
    }

    /** A pausing exception stops the order's own wait; its resolution restarts it (a deferred STALL is due order_idle later). */
    private void pauseOrResume(NodeStageState s, Waits waits, NodeMilestone m, NodeWait w) throws Exception {
        if (RAISED.equals(m.activity)) {
            if (w.pausedMs == NONE) {
                w.pausedMs = m.timeMs;
                waits.put(m.orderId, w);
            }
        } else if (w.pausedMs != NONE) {
            w.pausedMs = NONE;
            w.clockMs = m.timeMs;
            if (w.deferred) {
                w.deferred = false;
                insertPending(s, m.orderId, m.timeMs + rule.orderIdleMs(), s.blockedSinceMs != NONE ? s.blockedSinceMs : m.timeMs);
            }
            waits.put(m.orderId, w);
        }
    }

    /** Leaving by moving on at the node counts; a reroute away, a cancellation or a departure do not. */
    private static boolean isProgress(NodeMilestone m) {
        if (m.departure || CanonicalActivity.ORDER_REROUTED.name().equals(m.activity)) {
            return false;
        }
        return CanonicalActivity.of(m.activity).map(a -> a.closesAs() == null).orElse(true);
    }

    private void taint(NodeStageState s, Waits waits, long t) throws Exception {
        for (int i = 0; i < s.candidateIds.length; i++) {
            long entry = s.candidateEntries[i];
            if (entry <= s.taintedThroughMs) {
                continue;
            }
            NodeWait w = waits.get(s.candidateIds[i]);
            long clock = w == null ? entry : w.clockMs;
            long due = Math.max(t, Math.max(s.blockedSinceMs, clock + rule.orderIdleMs()));
            insertPending(s, s.candidateIds[i], due, s.blockedSinceMs);
            s.taintedThroughMs = entry;
        }
    }

    private void sweep(NodeStageState s, Waits waits, long t) throws Exception {
        List<String> gone = new ArrayList<>();
        long oldest = Long.MAX_VALUE;
        for (Map.Entry<String, NodeWait> e : waits.entries()) {
            long entry = e.getValue().entryMs;
            if (entry + rule.forgetAfterMs() <= t) {
                gone.add(e.getKey());
            } else {
                oldest = Math.min(oldest, entry);
            }
        }
        for (String id : gone) {
            waits.remove(id);
            s.waiting--;
            removeCandidate(s, id);
            removePending(s, id);
        }
        s.sweepMs = oldest == Long.MAX_VALUE ? NONE : oldest + rule.forgetAfterMs();
    }

    private static void dropCandidatesUpTo(NodeStageState s, long entry) {
        int n = 0;
        while (n < s.candidateEntries.length && s.candidateEntries[n] <= entry) {
            n++;
        }
        if (n > 0) {
            s.candidateIds = Arrays.copyOfRange(s.candidateIds, n, s.candidateIds.length);
            s.candidateEntries = Arrays.copyOfRange(s.candidateEntries, n, s.candidateEntries.length);
        }
    }

    private static void removeCandidate(NodeStageState s, String id) {
        for (int i = 0; i < s.candidateIds.length; i++) {
            if (s.candidateIds[i].equals(id)) {
                s.candidateIds = remove(s.candidateIds, i);
                s.candidateEntries = remove(s.candidateEntries, i);
                return;
            }
        }
    }

    private static void removePending(NodeStageState s, String id) {
        for (int i = 0; i < s.pendingIds.length; i++) {
            if (s.pendingIds[i].equals(id)) {
                removePendingAt(s, i);
                return;
            }
        }
    }

    private static void removePendingAt(NodeStageState s, int i) {
        s.pendingIds = remove(s.pendingIds, i);
        s.pendingDue = remove(s.pendingDue, i);
        s.pendingSince = remove(s.pendingSince, i);
    }

    private static void insertPending(NodeStageState s, String id, long due, long since) {
        int i = s.pendingDue.length;
        while (i > 0 && s.pendingDue[i - 1] > due) {
            i--;
        }
        String[] ids = new String[s.pendingIds.length + 1];
        long[] dues = new long[ids.length];
        long[] sinces = new long[ids.length];
        System.arraycopy(s.pendingIds, 0, ids, 0, i);
        System.arraycopy(s.pendingDue, 0, dues, 0, i);
        System.arraycopy(s.pendingSince, 0, sinces, 0, i);
        ids[i] = id;
        dues[i] = due;
        sinces[i] = since;
        System.arraycopy(s.pendingIds, i, ids, i + 1, s.pendingIds.length - i);
        System.arraycopy(s.pendingDue, i, dues, i + 1, s.pendingDue.length - i);
        System.arraycopy(s.pendingSince, i, sinces, i + 1, s.pendingSince.length - i);
        s.pendingIds = ids;
        s.pendingDue = dues;
        s.pendingSince = sinces;
    }

    private static String[] append(String[] a, String v) {
        String[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }

    private static long[] append(long[] a, long v) {
        long[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }

    private static String[] remove(String[] a, int i) {
        String[] b = new String[a.length - 1];
        System.arraycopy(a, 0, b, 0, i);
        System.arraycopy(a, i + 1, b, i, a.length - i - 1);
        return b;
    }

    private static long[] remove(long[] a, int i) {
        long[] b = new long[a.length - 1];
        System.arraycopy(a, 0, b, 0, i);
        System.arraycopy(a, i + 1, b, i, a.length - i - 1);
        return b;
    }
}
