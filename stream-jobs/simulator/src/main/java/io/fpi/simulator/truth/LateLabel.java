package io.fpi.simulator.truth;

/**
 * The order missed its promise: {@code milestone} (DELIVERED, or READY_FOR_PICKUP for pickups)
 * happened after {@code deadlineMs}, or had not happened by then ({@code reachedAtMs} null).
 */
public record LateLabel(String milestone, long deadlineMs, Long reachedAtMs, Long lateByMs, String cause) {}
