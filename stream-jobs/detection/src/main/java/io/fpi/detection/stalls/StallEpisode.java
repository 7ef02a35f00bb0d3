package io.fpi.detection.stalls;

import static io.fpi.detection.stalls.StallState.NONE;

/**
 * One stall of an order (a Flink POJO): its stage and since identify it and its finding id; it
 * lives from the moment the stall is known (in event time) until its RESOLVED is reported.
 */
public class StallEpisode {
    static final int REPORTED = 1;

    public String stage;
    public long sinceMs = NONE;
    /** When it became a stall: the detection instant in event time. */
    public long atMs = NONE;
    /** When the order moved on after it, NONE while it has not. */
    public long movedMs = NONE;
    /** Bit 0: STALL reported; bits 1-2: reason ({@code StallState.REASON_*}). */
    public int flags;

    public StallEpisode() {}

    boolean reported() {
        return (flags & REPORTED) != 0;
    }

    int reason() {
        return (flags >>> 1) & 3;
    }

    @Override
    public String toString() {
        return "episode{" + stage + "@" + sinceMs + " at " + atMs + " moved " + movedMs + " flags " + flags + "}";
    }
}
