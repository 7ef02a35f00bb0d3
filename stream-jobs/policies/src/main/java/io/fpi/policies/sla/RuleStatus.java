package io.fpi.policies.sla;

/**
 * Where one rule of one order stands, for queries, debugging and tests (allocates; not for the
 * per-event path). Instants are epoch ms, {@link ResolvedSla#NONE} when not known.
 *
 * @param state WAITING (anchor or promise not known yet), PENDING, AT_RISK, BREACHED (deadline
 *     passed, milestone missing), MET (on time), MET_LATE (after the deadline), EXPIRED (the order
 *     closed before the deadline without the milestone)
 */
public record RuleStatus(
        SlaRule rule,
        State state,
        long windowStartMs,
        long atRiskMs,
        long deadlineMs,
        long satisfiedAtMs,
        boolean atRiskReported,
        boolean breachReported,
        boolean resolvedReported) {

    public enum State { WAITING, PENDING, AT_RISK, BREACHED, MET, MET_LATE, EXPIRED }
}
