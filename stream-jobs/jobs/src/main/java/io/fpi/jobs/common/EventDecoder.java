package io.fpi.jobs.common;

import io.fpi.schemas.EventCodec;
import io.fpi.schemas.FulfillmentEvent;
import java.time.Instant;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.MissingSchemaException;

/**
 * Turns one Kafka record into an {@link Envelope}, never throwing: anything that is not a usable
 * event becomes a {@link DeadLetter} with a {@link DeadLetterReason}. One instance per thread
 * (it holds an {@link EventCodec}, which reuses buffers).
 */
public final class EventDecoder {
    /** 2200-01-01T00:00:00Z: later event times are typos or unit mix-ups (micro- or nanoseconds). */
    public static final long MAX_EVENT_TIME_MS = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();

    private final EventCodec codec = new EventCodec();
    private final AvroBoundsCheck bounds = AvroBoundsCheck.forFulfillmentEvents();

    public Envelope decode(byte[] key, byte[] value, String topic, int partition, long offset) {
        FulfillmentEvent event;
        try {
            if (value == null || value.length == 0) {
                return dead(key, value, DeadLetterReason.NOT_SINGLE_OBJECT_AVRO, "empty value", topic, partition, offset);
            }
            String corrupt = bounds.check(value);
            if (corrupt != null) {
                return dead(key, value, DeadLetterReason.CORRUPT_BODY, corrupt, topic, partition, offset);
            }
            event = codec.decode(value, null);
        } catch (BadHeaderException e) {
            return dead(key, value, DeadLetterReason.NOT_SINGLE_OBJECT_AVRO, e.getMessage(), topic, partition, offset);
        } catch (MissingSchemaException e) {
            return dead(key, value, DeadLetterReason.UNKNOWN_SCHEMA, e.getMessage(), topic, partition, offset);
        } catch (Exception e) {
            // IOException for truncation; AvroRuntimeException, NegativeArraySizeException,
            // IndexOutOfBounds... for garbage lengths or union branches inside the body
            return dead(key, value, DeadLetterReason.CORRUPT_BODY, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    topic, partition, offset);
        }
        String missing = missingField(event);
        if (missing != null) {
            return dead(key, value, DeadLetterReason.MISSING_FIELD, missing + " is empty", topic, partition, offset);
        }
        long t = event.getEventTime();
        if (t <= 0 || t >= MAX_EVENT_TIME_MS) {
            return dead(key, value, DeadLetterReason.BAD_TIMESTAMP, "event_time " + t + " is outside (1970, 2200)",
                    topic, partition, offset);
        }
        return Envelope.of(event);
    }

    private static String missingField(FulfillmentEvent e) {
        if (blank(e.getEventId())) {
            return "event_id";
        }
        if (blank(e.getDataset())) {
            return "dataset";
        }
        if (blank(e.getOrderId())) {
            return "order_id";
        }
        if (blank(e.getActivity())) {
            return "activity";
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Envelope dead(byte[] key, byte[] value, DeadLetterReason reason, String detail,
                                 String topic, int partition, long offset) {
        return Envelope.of(new DeadLetter(key, value, reason, abbreviate(detail), topic, partition, offset));
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }
}
