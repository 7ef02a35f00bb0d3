package io.fpi.detection.stalls;

import static io.fpi.detection.stalls.StallState.NONE;

/**
 * What paused or blocked the current stage (a Flink POJO, present only once it happened): an open
 * exception someone works on, and the failures and retries of the system the stage waits on.
 */
public class StallBlockers {
    /** Raised-at of an open exception that pauses the clock, else NONE. */
    public long holdMs = NONE;
    /** Failures of the stage's responsible system. */
    public int failures;
    /** The latest of those failures, else NONE. */
    public long failedMs = NONE;
    /** The latest retry of that system: the stage is blocked while the latest failure is later. */
    public long retriedMs = NONE;

    public StallBlockers() {}

    @Override
    public String toString() {
        return "blockers{hold " + holdMs + ", failures " + failures + ", failed " + failedMs + ", retried " + retriedMs + "}";
    }
}
