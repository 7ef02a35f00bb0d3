package io.fpi.simulator;

import io.fpi.schemas.FulfillmentEvent;

/**
 * One record of the generated stream, in emission order.
 *
 * @param key UTF-8 {@code dataset/order_id}; shared by all records of an order, do not modify
 * @param value the Kafka value: EventCodec bytes, or bad bytes for MALFORMED
 * @param emitAtSimMs simulated emission time (also the event's ingest_time); non-decreasing
 * @param event the decoded form of value; null for MALFORMED records
 * @param malformedReason why a MALFORMED record is bad; null otherwise
 */
public record SimRecord(byte[] key, byte[] value, long emitAtSimMs, FulfillmentEvent event, RecordKind kind,
                        MalformedReason malformedReason) {}
