package io.fpi.detection.stalls;

import io.fpi.policies.sla.OrderSlaState;

/**
 * What stall detection keeps per open order: where the order is (its current stage = last
 * milestone, since when, the stage clock and what paused or blocked it), the last few milestones
 * for the finding's trace summary, and at most one stall episode (reported or still due).
 *
 * <p>A Flink POJO (public no-arg constructor, public fields). Strings are shared instances
 * (canonical activity names, interned systems), so per order this is one object of ~90 bytes plus
 * the milestone ring (16 + 8 per entry, at most {@link MilestoneRing#CAPACITY}).
 */
public class StallState {
    public static final long NONE = OrderSlaState.UNKNOWN;

    /** Reason codes in {@link #stallFlags} bits 1-2. */
    public static final int REASON_THRESHOLD = 0;
    public static final int REASON_BLOCKED = 1;
    public static final int REASON_HOLD = 2;
    static final int REPORTED = 1;

    /** The current stage: the milestone with the latest event time (a repeat of it does not move the order). */
    public String stage;
    public long sinceMs = NONE;
    /** The stage clock starts here: the stage's milestone, or the resolution of an exception that paused it. */
    public long clockMs = NONE;
    /** Raised-at of an open exception that pauses the clock (someone is working on the order), else NONE. */
    public long holdMs = NONE;
    /** Failures of the stage's responsible system seen in this stage. */
    public int failures;
    /** The latest failure of the responsible system in this stage, else NONE. */
    public long blockedMs = NONE;
    /** The latest retry of the responsible system in this stage: blocked while the latest failure is later. */
    public long retriedMs = NONE;
    /** The source system of the stage's milestone. */
    public String stageSource;
    /** The last milestones, packed by {@link MilestoneRing}. */
    public long[] recent;

    /** The stall episode: its stage and since identify it (and its finding id). */
    public String stallStage;
    public long stallSinceMs = NONE;
    /** When it became (or becomes) a stall: the detection instant in event time. */
    public long stallAtMs = NONE;
    /** When the order moved on after it, NONE while it has not. */
    public long stallMovedMs = NONE;
    /** Bit 0: STALL reported; bits 1-2: reason. */
    public int stallFlags;

    public StallState() {}

    public boolean hasEpisode() {
        return stallSinceMs != NONE;
    }

    boolean episodeIsCurrent() {
        return hasEpisode() && stallSinceMs == sinceMs && stallStage != null && stallStage.equals(stage);
    }

    boolean stallReported() {
        return (stallFlags & REPORTED) != 0;
    }

    int stallReason() {
        return (stallFlags >>> 1) & 3;
    }

    void clearEpisode() {
        stallStage = null;
        stallSinceMs = NONE;
        stallAtMs = NONE;
        stallMovedMs = NONE;
        stallFlags = 0;
    }

    @Override
    public String toString() {
        return "StallState{" + stage + " since " + sinceMs + " clock " + clockMs + (holdMs != NONE ? " hold " + holdMs : "")
                + (failures > 0 ? " failures " + failures + " failed " + blockedMs + " retried " + retriedMs : "")
                + (hasEpisode() ? ", episode " + stallStage + "@" + stallSinceMs + " at " + stallAtMs + " moved "
                        + stallMovedMs + " flags " + stallFlags : "") + ", recent " + MilestoneRing.describe(recent) + "}";
    }
}
