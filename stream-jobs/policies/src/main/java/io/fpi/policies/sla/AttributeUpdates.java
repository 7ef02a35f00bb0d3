package io.fpi.policies.sla;

import static io.fpi.policies.sla.OrderSlaState.UNKNOWN;

import java.util.Objects;

/**
 * How an event changes what an order is. Type and channel come with ORDER_PLACED and rarely change;
 * node and region change on sourcing and reroutes, so the latest in event time wins (an older event
 * processed late cannot move the order back); the carrier arrives with the label.
 */
final class AttributeUpdates {
    private AttributeUpdates() {}

    /** True when the order's policy must be resolved again. */
    static boolean apply(OrderSlaState s, SlaPolicies policies, String type, String channel, String region,
                         String nodeId, String carrier, long t) {
        boolean changed = false;
        if (type != null && !type.equals(s.fulfillmentType)) {
            s.fulfillmentType = policies.intern(type);
            changed = true;
        }
        if (channel != null && !channel.equals(s.channel)) {
            s.channel = policies.intern(channel);
            changed = true;
        }
        if ((nodeId != null || region != null) && (s.nodeSetAtMs == UNKNOWN || t >= s.nodeSetAtMs)) {
            s.nodeSetAtMs = t;
            if (nodeId != null && !nodeId.equals(s.nodeId)) {
                s.nodeId = policies.intern(nodeId);
                changed = true;
            }
            if (region != null && !region.equals(s.region)) {
                s.region = policies.intern(region);
                changed = true;
            }
        }
        if (carrier != null && !Objects.equals(carrier, s.carrier)) {
            s.carrier = policies.intern(carrier);
            changed = true;
        }
        return changed;
    }

    /** Drops remembered activities the current file does not refer to, sharing the names it does. */
    static void keepTracked(OrderSlaState s, SlaPolicies policies) {
        if (s.activities == null) {
            return;
        }
        String[] names = s.activities;
        long[] times = s.activityTimes;
        s.activities = null;
        s.activityTimes = null;
        for (int i = 0; i < names.length; i++) {
            String tracked = policies.trackedActivity(names[i]);
            if (tracked != null) {
                s.record(tracked, times[i]);
            }
        }
    }
}
