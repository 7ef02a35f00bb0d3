package io.fpi.simulator.truth;

/** What a scenario (or base injection) did to the order, e.g. carrier-outage HANDOFF_DELAYED. */
public record EffectRecord(String cause, String effect, long delayMs) {}
