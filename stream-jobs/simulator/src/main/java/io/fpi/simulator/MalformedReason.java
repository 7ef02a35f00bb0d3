package io.fpi.simulator;

/** Why a MALFORMED record is bad: what a validating consumer should say about it. */
public enum MalformedReason {
    /** Random bytes: not Avro single-object encoding at all. */
    GARBAGE,
    /** A real event whose 2-byte header is not C3 01. */
    BAD_MAGIC,
    /** A real event cut short inside the Avro body: decoding fails. */
    TRUNCATED,
    /** Decodes, but order_id is empty. */
    EMPTY_ORDER_ID,
    /** Decodes, but event_time is zero or negative. */
    NON_POSITIVE_EVENT_TIME
}
