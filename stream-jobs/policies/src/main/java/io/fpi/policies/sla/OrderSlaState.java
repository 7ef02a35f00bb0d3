package io.fpi.policies.sla;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Everything the SLA evaluator keeps per open order: what the order is (for resolving its policy),
 * its placement and promise, the first time of each activity some rule refers to, and which
 * findings were already reported. Deadlines are not stored: they are recomputed from these facts,
 * so a new promise, a reroute or a late carrier assignment moves them without bookkeeping.
 *
 * <p>A Flink POJO (public no-arg constructor, public fields; the cached policy is transient). On
 * a 64-bit heap with compressed references it is about 130 bytes plus two small arrays of 12 bytes
 * per remembered activity (typically 4-8, so ~230 bytes in all): the strings are shared instances
 * from {@link SlaPolicies#intern}, the policy is a shared reference. Masks are indexed by
 * {@link SlaRule#index()}.
 *
 * <p>Why strings rather than a policy index: a state restored under a changed policy file (a new
 * {@link #policiesFingerprint}) can be re-resolved from them; the report masks are then cleared and
 * findings may be reported again, with the same ids, which consumers deduplicate.
 */
public class OrderSlaState implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final long UNKNOWN = ResolvedSla.NONE;

    /** {@link SlaPolicies#fingerprint()} of the file this state was built with; 0 for a new state. */
    public long policiesFingerprint;
    public String fulfillmentType;
    public String channel;
    public String region;
    public String nodeId;
    public String carrier;
    public long placedAtMs = UNKNOWN;
    public long promisedByMs = UNKNOWN;
    /** Event time of the event that set the current promise (a later event's promise wins). */
    public long promiseSetAtMs = UNKNOWN;
    /** Event time of the event that set the current node/region (a reroute later in event time wins). */
    public long nodeSetAtMs = UNKNOWN;
    /** Event time of the first closing activity (delivered, collected, cancelled, refunded). */
    public long closedAtMs = UNKNOWN;
    /** Remembered activities (shared names) and the event time of their first occurrence, parallel arrays. */
    public String[] activities;
    public long[] activityTimes;
    public long atRiskReported;
    public long breachReported;
    public long resolvedReported;
    /** The instant the order's event-time timer must be set to; {@link SlaEvaluator#NO_TIMER} for none. */
    public long nextTimerMs = SlaEvaluator.NO_TIMER;

    /** The policy resolved for the current attributes; rebuilt on demand, never serialized. */
    transient ResolvedSla resolved;

    public OrderSlaState() {}

    /** The first event time of {@code activity}, or {@link #UNKNOWN}. */
    public long timeOf(String activity) {
        if (activities != null) {
            for (int i = 0; i < activities.length; i++) {
                if (activities[i] == activity || activities[i].equals(activity)) {
                    return activityTimes[i];
                }
            }
        }
        return UNKNOWN;
    }

    /** Records an occurrence; keeps the earliest time. True when the recorded time changed. */
    boolean record(String activity, long t) {
        if (activities != null) {
            for (int i = 0; i < activities.length; i++) {
                if (activities[i] == activity || activities[i].equals(activity)) {
                    if (t < activityTimes[i]) {
                        activityTimes[i] = t;
                        return true;
                    }
                    return false;
                }
            }
        }
        int n = activities == null ? 0 : activities.length;
        activities = activities == null ? new String[1] : Arrays.copyOf(activities, n + 1);
        activityTimes = activityTimes == null ? new long[1] : Arrays.copyOf(activityTimes, n + 1);
        activities[n] = activity;
        activityTimes[n] = t;
        return true;
    }

    /** True once a closing activity happened; rules stop at {@link #closedAtMs}. */
    public boolean isClosed() {
        return closedAtMs != UNKNOWN;
    }

    static boolean has(long mask, int bit) {
        return (mask & (1L << bit)) != 0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("OrderSlaState{").append(fulfillmentType).append('/').append(channel)
                .append(' ').append(region).append(' ').append(nodeId).append(' ').append(carrier)
                .append(", placed=").append(placedAtMs).append(", promised=").append(promisedByMs);
        if (activities != null) {
            for (int i = 0; i < activities.length; i++) {
                sb.append(", ").append(activities[i]).append('=').append(activityTimes[i]);
            }
        }
        return sb.append(", next=").append(nextTimerMs).append('}').toString();
    }
}
