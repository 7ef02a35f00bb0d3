package io.fpi.detection.stalls;

/**
 * How a stall threshold is measured from the moment the order entered its stage.
 *
 * <ul>
 *   <li>{@code WALL}: elapsed time. For work that goes on around the clock (DCs, carriers, payment).
 *   <li>{@code BUSINESS}: open time of the responsible node's calendar (the SLA policy file's
 *       {@code calendars:}/{@code nodes:}). A store that closes at 21:00 does not stall overnight.
 *   <li>{@code CUTOFF}: the threshold runs from the next carrier collection the parcel was ready
 *       for ({@code cutoffs:} of the policy file, {@code handoff_by}): a parcel labelled at 18:00
 *       waits for tomorrow's truck by design, not because it is stuck.
 * </ul>
 */
public enum StallClock {
    WALL,
    BUSINESS,
    CUTOFF
}
