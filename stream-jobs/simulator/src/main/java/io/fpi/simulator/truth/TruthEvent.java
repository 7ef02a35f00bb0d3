package io.fpi.simulator.truth;

/** One distinct event of an order as the ground truth lists it. */
public record TruthEvent(String eventId, String activity, long eventTimeMs, String sourceSystem) {}
