package io.fpi.detection.nodes;

/**
 * What the node stage monitor keeps per watched (dataset, node, stage), besides the waiting orders
 * themselves (a map state of {@link NodeWait} by order id). A Flink POJO of primitives and arrays.
 *
 * <p><b>Candidates</b> are the waiting orders that entered after the frontier (the latest entry
 * time of an order that progressed out of the stage), in entry order: in a healthy stage they are
 * the few most recent arrivals; in a blocked one they pile up. <b>Pending</b> are the orders that
 * waited while the stage was blocked and have not been reported yet, with the instant their STALL is
 * due, in due order. Both arrays are short unless the stage is blocked (then they hold the orders
 * it blocks), and empty when nobody waits.
 */
public class NodeStageState {
    public static final long NONE = Long.MIN_VALUE;

    /** Orders waiting in the stage at this node (the map state's size). */
    public int waiting;
    /** The latest entry time of an order that progressed out of the stage here; NONE before the first. */
    public long frontierMs = NONE;
    /** When the last order progressed out of the stage here. */
    public long lastProgressMs = NONE;
    /** Since when the stage is blocked (the current episode); NONE while it is not. */
    public long blockedSinceMs = NONE;
    /** How many orders were waiting behind the frontier when the episode began. */
    public int blockedWaiting;
    public String[] candidateIds = new String[0];
    public long[] candidateEntries = new long[0];
    public String[] pendingIds = new String[0];
    public long[] pendingDue = new long[0];
    /** The blocked episode (its start) each pending order waited in. */
    public long[] pendingSince = new long[0];
    /** Candidates that entered up to here have been tainted (they waited while the stage was blocked). */
    public long taintedThroughMs = NONE;
    /** When the oldest waiting order is to be forgotten (it entered forget_after ago); NONE with nobody waiting. */
    public long sweepMs = NONE;
    /** The event-time timer registered for the next due instant, NONE if none. */
    public long timerMs = NONE;
    /** ln of the stage's typical time here (EWMA of progressed orders' log durations). */
    public double typicalLogMs;
    /** How many progressed orders the typical time has seen (saturating). */
    public int learnedCount;
    /** The node's region, from its latest milestone. */
    public String region;

    public NodeStageState() {}
}
