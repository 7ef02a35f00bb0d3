package io.fpi.detection.stalls;

import io.fpi.policies.sla.OrderSlaState;

/**
 * What stall detection keeps per open order: where the order is (its current stage = last
 * milestone, since when, the stage clock), the last few milestones for the trace summary, and —
 * only while they exist — what paused or blocked the stage ({@link StallBlockers}) and the stall
 * episode being reported ({@link StallEpisode}).
 *
 * <p>A Flink POJO. Strings are shared instances (canonical activity names, interned systems). The
 * rare parts live in objects that are null for most orders, so a typical order costs 40 bytes of
 * fields plus the milestone ring (16 + 8 per entry). The order monitor's state extends this class
 * rather than holding it, which saves an object header per order.
 */
public class StallState {
    public static final long NONE = OrderSlaState.UNKNOWN;

    /** Why a stage counts as stalled. */
    public static final int REASON_THRESHOLD = 0;
    public static final int REASON_BLOCKED = 1;
    public static final int REASON_HOLD = 2;

    /** The current stage: the milestone with the latest event time (a repeat of it does not move the order). */
    public String stage;
    public long sinceMs = NONE;
    /** The stage clock starts here: the stage's milestone, or the resolution of an exception that paused it. */
    public long clockMs = NONE;
    /** The source system of the stage's milestone. */
    public String stageSource;
    /** The last milestones, packed by {@link MilestoneRing}. */
    public long[] recent;
    /** Pausing exceptions and failures seen in this stage; null while there are none. */
    public StallBlockers blockers;
    /** The stall being reported (or due); null while there is none. */
    public StallEpisode episode;

    public StallState() {}

    public boolean hasEpisode() {
        return episode != null;
    }

    boolean episodeIsCurrent() {
        return episode != null && episode.sinceMs == sinceMs && episode.stage != null && episode.stage.equals(stage);
    }

    StallBlockers blockers() {
        if (blockers == null) {
            blockers = new StallBlockers();
        }
        return blockers;
    }

    long holdMs() {
        return blockers == null ? NONE : blockers.holdMs;
    }

    @Override
    public String toString() {
        return "StallState{" + stage + " since " + sinceMs + " clock " + clockMs + (blockers != null ? ", " + blockers : "")
                + (episode != null ? ", " + episode : "") + ", recent " + MilestoneRing.describe(recent) + "}";
    }
}
