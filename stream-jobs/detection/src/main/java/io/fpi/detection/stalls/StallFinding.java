package io.fpi.detection.stalls;

/**
 * A stall of one order, or its end. Instants are event time (epoch ms).
 *
 * @param resolved false: STALL (detected at {@code atMs}); true: the order moved on at {@code atMs}
 * @param stage the stage it sat in (its last milestone)
 * @param sinceMs when it reached the stage; with the stage it identifies the stall episode
 * @param idleMs how long it had not moved at {@code atMs}
 * @param reason why it counts as stalled: {@link StallState#REASON_THRESHOLD} (idle past the stage's
 *     threshold), {@link StallState#REASON_BLOCKED} (the responsible system kept failing) or
 *     {@link StallState#REASON_HOLD} (an exception someone works on stayed open too long)
 * @param thresholdMs the threshold or wait that was exceeded
 * @param responsible the system expected to act next, or null
 * @param severity info, warning or critical
 */
public record StallFinding(boolean resolved, String stage, long sinceMs, long atMs, long idleMs, int reason,
                           long thresholdMs, String responsible, String severity, StallClock clock) {

    public String reasonName() {
        return switch (reason) {
            case StallState.REASON_BLOCKED -> "blocked";
            case StallState.REASON_HOLD -> "hold";
            default -> "threshold";
        };
    }
}
