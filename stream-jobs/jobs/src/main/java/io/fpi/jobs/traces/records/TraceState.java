package io.fpi.jobs.traces.records;

import io.fpi.schemas.CanonicalActivity;
import io.fpi.schemas.FulfillmentEvent;
import io.fpi.schemas.OrderStatus;
import java.util.Arrays;

/**
 * Everything the trace job keeps about one order: the events as parallel primitive arrays sorted
 * by (event_time, sequence, event-id hash) and the order attributes. No event is kept whole: the
 * raw event goes to ClickHouse when it arrives, the trace only needs these few columns. See
 * stream-jobs/DISCUSSION.md for the size budget.
 *
 * <p>A Flink POJO (public fields, no-arg constructor), checked by a PojoTestUtils test. Strings
 * are interned: activity, source system and attribute values come from small vocabularies, so a
 * million open orders share a few hundred String objects instead of holding ten each.
 */
public class TraceState {
    // Slots of attributeAt: the index of the event that supplied each attribute.
    static final int CHANNEL = 0;
    static final int FULFILLMENT_TYPE = 1;
    static final int NODE_ID = 2;
    static final int ROUTED_NODE_ID = 3;
    static final int REGION = 4;
    static final int PROMISED_BY = 5;
    static final int UNITS_ORDERED = 6;
    static final int UNITS_FULFILLED = 7;
    private static final int SLOTS = 8;

    private static final long[] NO_LONGS = new long[0];
    private static final String[] NO_STRINGS = new String[0];

    /** Stable 64-bit hashes of event_id (see Hashes.eventId): identity for de-duplication. */
    public long[] eventIds = NO_LONGS;
    public long[] eventTimes = NO_LONGS;
    /** Producer sequences; null as long as every event has sequence 0 / none (the common case). */
    public long[] sequences;
    public String[] activities = NO_STRINGS;
    public String[] sourceSystems = NO_STRINGS;

    public String channel;
    public String fulfillmentType;
    /** node_id of the first event that carries one. */
    public String nodeId;
    /** node_id of the last ORDER_REROUTED / ORDER_SOURCED that carries one; overrides nodeId. */
    public String routedNodeId;
    public String region;
    public Long promisedBy;
    public Integer unitsOrdered;
    public Integer unitsFulfilled;
    /** Sum of cost_minor over the distinct events that carry one; null while none did (cost-to-serve). */
    public Long costMinor;
    public int[] attributeAt = newAttributeAt();

    /** Event time of the one cleanup timer registered for this order, Long.MIN_VALUE if none. */
    public long cleanupTimer = Long.MIN_VALUE;

    /** Not serialized: false again after a restore, when strings come back as fresh copies. */
    private transient boolean interned;

    public TraceState() {}

    public int size() {
        return eventIds.length;
    }

    public boolean contains(long eventId) {
        for (long id : eventIds) {
            if (id == eventId) {
                return true;
            }
        }
        return false;
    }

    public long sequenceAt(int i) {
        return sequences == null ? 0 : sequences[i];
    }

    public long lastEventTime() {
        return eventTimes[eventTimes.length - 1];
    }

    /** Time of the last event that closes the order, or Long.MIN_VALUE while it is open. */
    public long lastClosingTime() {
        for (int i = activities.length - 1; i >= 0; i--) {
            if (closesAs(activities[i]) != null) {
                return eventTimes[i];
            }
        }
        return Long.MIN_VALUE;
    }

    public boolean isClosed() {
        return lastClosingTime() != Long.MIN_VALUE;
    }

    /**
     * Inserts an event (not yet contained) at its place in trace order and folds in its attributes.
     *
     * @return the index it landed at
     */
    public int add(FulfillmentEvent e, long eventId) {
        internStrings();
        long t = e.getEventTime();
        long seq = e.getSequence() == null ? 0 : e.getSequence();
        int n = size();
        int pos = n;
        while (pos > 0 && compare(eventTimes[pos - 1], sequenceAt(pos - 1), eventIds[pos - 1], t, seq, eventId) > 0) {
            pos--;
        }
        if (sequences != null || seq != 0) {
            sequences = insert(sequences == null ? new long[n] : sequences, pos, seq);
        }
        eventIds = insert(eventIds, pos, eventId);
        eventTimes = insert(eventTimes, pos, t);
        activities = insert(activities, pos, e.getActivity().intern());
        sourceSystems = insert(sourceSystems, pos, e.getSourceSystem() == null ? "" : e.getSourceSystem().intern());
        for (int s = 0; s < SLOTS; s++) {
            if (attributeAt[s] >= pos) {
                attributeAt[s]++;
            }
        }
        foldAttributes(e, pos);
        if (e.getCostMinor() != null) {
            costMinor = (costMinor == null ? 0L : costMinor) + e.getCostMinor();
        }
        return pos;
    }

    /** Order attributes: the first event (in trace order) that carries one wins, except where noted. */
    private void foldAttributes(FulfillmentEvent e, int pos) {
        if (present(e.getChannel()) && claims(CHANNEL, pos, true)) {
            channel = e.getChannel().intern();
        }
        if (present(e.getFulfillmentType()) && claims(FULFILLMENT_TYPE, pos, true)) {
            fulfillmentType = e.getFulfillmentType().intern();
        }
        if (present(e.getNodeId())) {
            if (claims(NODE_ID, pos, true)) {
                nodeId = e.getNodeId().intern();
            }
            String a = e.getActivity();
            boolean routing = CanonicalActivity.ORDER_REROUTED.name().equals(a) || CanonicalActivity.ORDER_SOURCED.name().equals(a);
            if (routing && claims(ROUTED_NODE_ID, pos, false)) {
                routedNodeId = e.getNodeId().intern();
            }
        }
        if (present(e.getRegion()) && claims(REGION, pos, true)) {
            region = e.getRegion().intern();
        }
        if (e.getPromisedBy() != null && claims(PROMISED_BY, pos, true)) {
            promisedBy = e.getPromisedBy();
        }
        if (e.getUnitsOrdered() != null && claims(UNITS_ORDERED, pos, true)) {
            unitsOrdered = e.getUnitsOrdered();
        }
        if (e.getUnitsFulfilled() != null && claims(UNITS_FULFILLED, pos, false)) {
            unitsFulfilled = e.getUnitsFulfilled();
        }
    }

    /** Whether the event at pos supplies the slot: it is the first (or last) carrier seen so far. */
    private boolean claims(int slot, int pos, boolean first) {
        int at = attributeAt[slot];
        if (at < 0 || (first ? pos < at : pos > at)) {
            attributeAt[slot] = pos;
            return true;
        }
        return false;
    }

    /**
     * Re-interns strings after a restore from a checkpoint, where they arrive as fresh copies.
     * Cheap and idempotent; called before the state is extended.
     */
    public void internStrings() {
        if (interned) {
            return;
        }
        internAll(activities);
        internAll(sourceSystems);
        channel = intern(channel);
        fulfillmentType = intern(fulfillmentType);
        nodeId = intern(nodeId);
        routedNodeId = intern(routedNodeId);
        region = intern(region);
        interned = true;
    }

    /** The status an activity closes the order in, or null (non-canonical activities never close). */
    public static OrderStatus closesAs(String activity) {
        return CanonicalActivity.of(activity).map(CanonicalActivity::closesAs).orElse(null);
    }

    static int compare(long t1, long s1, long id1, long t2, long s2, long id2) {
        int c = Long.compare(t1, t2);
        if (c != 0) {
            return c;
        }
        c = Long.compare(s1, s2);
        return c != 0 ? c : Long.compareUnsigned(id1, id2);
    }

    private static int[] newAttributeAt() {
        int[] a = new int[SLOTS];
        Arrays.fill(a, -1);
        return a;
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }

    private static String intern(String s) {
        return s == null ? null : s.intern();
    }

    private static void internAll(String[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = a[i].intern();
        }
    }

    private static long[] insert(long[] a, int pos, long v) {
        long[] b = new long[a.length + 1];
        System.arraycopy(a, 0, b, 0, pos);
        b[pos] = v;
        System.arraycopy(a, pos, b, pos + 1, a.length - pos);
        return b;
    }

    private static String[] insert(String[] a, int pos, String v) {
        String[] b = new String[a.length + 1];
        System.arraycopy(a, 0, b, 0, pos);
        b[pos] = v;
        System.arraycopy(a, pos, b, pos + 1, a.length - pos);
        return b;
    }
}
