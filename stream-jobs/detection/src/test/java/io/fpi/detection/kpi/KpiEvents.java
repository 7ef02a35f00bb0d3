package io.fpi.detection.kpi;

import io.fpi.schemas.FulfillmentEvent;

/** Fulfillment events for KPI scenarios: WEB / SHIP_TO_HOME orders of dataset "acme". */
public final class KpiEvents {
    private KpiEvents() {}

    public static FulfillmentEvent.Builder event(String orderId, String activity, long time, String sourceSystem) {
        return FulfillmentEvent.newBuilder()
                .setEventId(orderId + ":" + activity + ":" + time)
                .setDataset(KpiTestBase.DATASET)
                .setOrderId(orderId)
                .setActivity(activity)
                .setEventTime(time)
                .setIngestTime(time + 1_000)
                .setSourceSystem(sourceSystem)
                .setChannel("WEB")
                .setFulfillmentType("SHIP_TO_HOME");
    }

    public static FulfillmentEvent orderPlaced(String orderId, long time, int units) {
        return event(orderId, "ORDER_PLACED", time, "ECOM").setUnitsOrdered(units).setAmountMinor(4_999L).setCurrency("EUR").build();
    }

    /** An event at the fulfilling node: carries node and region, like the simulator's events from sourcing on. */
    public static FulfillmentEvent atNode(String orderId, String activity, long time, String node, String system) {
        return event(orderId, activity, time, system).setNodeId(node).setRegion("EU-WEST").build();
    }

    public static FulfillmentEvent withCost(FulfillmentEvent e, long cost) {
        return FulfillmentEvent.newBuilder(e).setCostMinor(cost).setCurrency("EUR").build();
    }

    public static FulfillmentEvent withUnitsFulfilled(FulfillmentEvent e, int units) {
        return FulfillmentEvent.newBuilder(e).setUnitsFulfilled(units).build();
    }

    public static FulfillmentEvent withError(FulfillmentEvent e, String code) {
        return FulfillmentEvent.newBuilder(e).setErrorCode(code).build();
    }
}
