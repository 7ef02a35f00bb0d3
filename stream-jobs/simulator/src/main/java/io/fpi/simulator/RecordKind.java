package io.fpi.simulator;

/** What a record in the generated stream is. */
public enum RecordKind {
    /** The first (or only) emission of a distinct event. */
    EVENT,
    /** The same bytes as an earlier EVENT record, re-sent (at-least-once delivery). */
    DUPLICATE,
    /** A deliberately bad record; see {@link MalformedReason}. */
    MALFORMED
}
