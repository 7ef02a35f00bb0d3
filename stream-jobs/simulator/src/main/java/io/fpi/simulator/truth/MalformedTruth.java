package io.fpi.simulator.truth;

/**
 * A malformed record the simulator sent on purpose ({@code "type":"malformed"}): its position in
 * the stream (0-based record index), key, the order it was derived from and why it is bad.
 */
public record MalformedTruth(long recordIndex, String key, String orderId, String reason, long emitAtMs) {}
