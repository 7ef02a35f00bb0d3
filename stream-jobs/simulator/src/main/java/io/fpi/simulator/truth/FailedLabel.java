package io.fpi.simulator.truth;

/**
 * The order failed: {@code kind} CANCELLED (ORDER_CANCELLED, with its reason) or DELIVERY_FAILED
 * (a failed delivery attempt; {@code recovered} when a later attempt delivered).
 */
public record FailedLabel(String kind, String reason, long atMs, boolean recovered, String cause) {}
