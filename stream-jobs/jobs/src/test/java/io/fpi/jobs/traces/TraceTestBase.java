package io.fpi.jobs.traces;

import io.fpi.schemas.FulfillmentEvent;
import java.time.Duration;
import java.time.Instant;

/**
 * Named instants and event factories so that trace tests read like a story:
 * {@code orderPlaced("o1", T0)}, {@code picked("o1", T0_PLUS_2H)}.
 */
public abstract class TraceTestBase {
    public static final String DATASET = "acme";

    public static final long T0 = Instant.parse("2025-03-03T09:00:00Z").toEpochMilli();
    public static final long T0_PLUS_1M = T0 + Duration.ofMinutes(1).toMillis();
    public static final long T0_PLUS_10M = T0 + Duration.ofMinutes(10).toMillis();
    public static final long T0_PLUS_30M = T0 + Duration.ofMinutes(30).toMillis();
    public static final long T0_PLUS_1H = T0 + Duration.ofHours(1).toMillis();
    public static final long T0_PLUS_2H = T0 + Duration.ofHours(2).toMillis();
    public static final long T0_PLUS_3H = T0 + Duration.ofHours(3).toMillis();
    public static final long T0_PLUS_4H = T0 + Duration.ofHours(4).toMillis();
    public static final long T0_PLUS_6H = T0 + Duration.ofHours(6).toMillis();
    public static final long T0_PLUS_1D = T0 + Duration.ofDays(1).toMillis();
    public static final long T0_PLUS_2D = T0 + Duration.ofDays(2).toMillis();
    public static final long T0_PLUS_3D = T0 + Duration.ofDays(3).toMillis();
    public static final long T0_PLUS_40D = T0 + Duration.ofDays(40).toMillis();

    public static final Duration RETENTION = Duration.ofHours(24);
    public static final Duration IDLE_EXPIRY = Duration.ofDays(30);

    public static FulfillmentEvent.Builder event(String orderId, String activity, long time, String sourceSystem) {
        return FulfillmentEvent.newBuilder()
                .setEventId(orderId + ":" + activity + ":" + time)
                .setDataset(DATASET)
                .setOrderId(orderId)
                .setActivity(activity)
                .setEventTime(time)
                .setIngestTime(time + 1_000)
                .setSourceSystem(sourceSystem);
    }

    public static FulfillmentEvent orderPlaced(String orderId, long time) {
        return event(orderId, "ORDER_PLACED", time, "ECOM")
                .setChannel("WEB").setFulfillmentType("SHIP_TO_HOME").setUnitsOrdered(2)
                .setPromisedBy(time + Duration.ofDays(2).toMillis())
                .setAmountMinor(4_999L).setCurrency("EUR")
                .build();
    }

    public static FulfillmentEvent paymentAuthorized(String orderId, long time) {
        return event(orderId, "PAYMENT_AUTHORIZED", time, "PAYMENT").build();
    }

    public static FulfillmentEvent orderSourced(String orderId, long time, String node) {
        return event(orderId, "ORDER_SOURCED", time, "OMS").setNodeId(node).setRegion("EU-WEST").build();
    }

    public static FulfillmentEvent orderRerouted(String orderId, long time, String node) {
        return event(orderId, "ORDER_REROUTED", time, "OMS").setNodeId(node).setRegion("EU-NORTH").build();
    }

    public static FulfillmentEvent picked(String orderId, long time) {
        return event(orderId, "PICKED", time, "WMS").build();
    }

    public static FulfillmentEvent packed(String orderId, long time) {
        return event(orderId, "PACKED", time, "WMS").build();
    }

    public static FulfillmentEvent exceptionRaised(String orderId, long time) {
        return event(orderId, "EXCEPTION_RAISED", time, "WMS").setErrorCode("BACKORDER").build();
    }

    public static FulfillmentEvent carrierHandoff(String orderId, long time) {
        return event(orderId, "CARRIER_HANDOFF", time, "CARRIER").build();
    }

    public static FulfillmentEvent delivered(String orderId, long time) {
        return event(orderId, "DELIVERED", time, "CARRIER").setUnitsFulfilled(2).build();
    }

    public static FulfillmentEvent orderCancelled(String orderId, long time) {
        return event(orderId, "ORDER_CANCELLED", time, "OMS").build();
    }

    public static FulfillmentEvent returnInitiated(String orderId, long time) {
        return event(orderId, "RETURN_INITIATED", time, "ECOM").build();
    }

    public static FulfillmentEvent refundIssued(String orderId, long time) {
        return event(orderId, "REFUND_ISSUED", time, "FINANCE").setUnitsFulfilled(1).build();
    }

    /** The same event sent again: same event_id, even if a field differs. */
    public static FulfillmentEvent resent(FulfillmentEvent original) {
        return FulfillmentEvent.newBuilder(original).setIngestTime(original.getIngestTime() + 60_000).build();
    }
}
