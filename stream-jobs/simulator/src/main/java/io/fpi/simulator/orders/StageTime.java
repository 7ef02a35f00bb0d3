package io.fpi.simulator.orders;

/**
 * A lognormal stage duration: median, spread and a hard cap (see README's timing table).
 * Capacity-bound stages stretch under a promotion peak.
 */
public record StageTime(long medianMs, double sigma, long capMs, boolean capacityBound) {}
