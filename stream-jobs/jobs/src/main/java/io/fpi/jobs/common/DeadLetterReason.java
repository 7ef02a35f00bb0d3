package io.fpi.jobs.common;

/**
 * Why a record went to the dead-letter topic instead of into a trace. Written verbatim into the
 * {@code fpi-dlq-reason} header, so names are part of the contract with whoever reads the DLQ.
 */
public enum DeadLetterReason {
    /** The value does not start with the Avro single-object marker {@code C3 01} (or is too short). */
    NOT_SINGLE_OBJECT_AVRO,
    /** The writer-schema fingerprint is not in {@link io.fpi.schemas.SchemaHistory}. */
    UNKNOWN_SCHEMA,
    /** The header is fine but the Avro body is truncated or corrupt. */
    CORRUPT_BODY,
    /** event_id, dataset, order_id or activity is empty. */
    MISSING_FIELD,
    /** event_time is not after 1970 or beyond the year 2200: it would wreck event time for everyone. */
    BAD_TIMESTAMP,
    /** The order's trace was already cleaned up and the event is older than the retention horizon. */
    TOO_LATE
}
