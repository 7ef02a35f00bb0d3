package io.fpi.simulator.orders;

/**
 * Something a scenario or a base-rate injection did to an order, e.g. carrier-outage /
 * HANDOFF_DELAYED / 5h. {@code atMs} is when it took hold (used to attribute lateness).
 */
public record Effect(String cause, String effect, long delayMs, long atMs) {}
