package io.fpi.detection.sla;

import io.fpi.detection.stalls.StallRules;
import io.fpi.policies.sla.SlaPolicies;
import io.fpi.schemas.FulfillmentEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Named instants and event factories for order monitor tests, so a test reads like the order's
 * story. The shipped policy and threshold files judge the orders (infra/sla).
 *
 * <p>T0 is Monday 2026-03-02 14:00 UTC = 09:00 at the NORTHEAST stores (UTC-5), their opening.
 */
public abstract class MonitorTestBase {
    public static final String DATASET = "demo";
    public static final long MINUTE = 60_000L;
    public static final long HOUR = 60 * MINUTE;
    public static final long T0 = Instant.parse("2026-03-02T14:00:00Z").toEpochMilli();

    public static final SlaPolicies POLICIES = SlaPolicies.loadDefault();
    public static final StallRules STALL_RULES = StallRules.loadDefault();
    public static final MonitorConfig CONFIG = new MonitorConfig(POLICIES, STALL_RULES, Duration.ofDays(30), null);

    private static final Map<String, Integer> SEQUENCES = new HashMap<>();

    /** An order of a given type fulfilled at a node. */
    public record Order(String id, String fulfillmentType, String channel, String nodeId, String region, long promisedBy) {}

    /** Ship-to-home from the north-east DC, promised five days out. */
    public static Order shipToHome(String id) {
        return new Order(id, "SHIP_TO_HOME", "WEB", "DC-NORTHEAST", "NORTHEAST", T0 + 5 * 24 * HOUR);
    }

    /** Buy online, pick up at store ST-0001 (NORTHEAST, open 09:00-21:00 local = 14:00-02:00 UTC). */
    public static Order bopis(String id, long promisedBy) {
        return new Order(id, "BOPIS", "WEB", "ST-0001", "NORTHEAST", promisedBy);
    }

    public static FulfillmentEvent placed(Order o, long t) {
        return base(o, "ORDER_PLACED", t, "ECOM").setNodeId(null).setRegion(null).setPromisedBy(o.promisedBy())
                .setUnitsOrdered(1).build();
    }

    /** A milestone or any activity, from the system that usually reports it. */
    public static FulfillmentEvent at(Order o, String activity, long t) {
        return base(o, activity, t, systemOf(activity)).build();
    }

    public static FulfillmentEvent from(Order o, String activity, String system, long t) {
        return base(o, activity, t, system).build();
    }

    public static FulfillmentEvent carrierFailure(Order o, long t) {
        return base(o, "INTEGRATION_CALL_FAILED", t, "CARRIER").setErrorCode("CARRIER_API_5XX")
                .setAttributes(Map.of("carrier", "SWIFTSHIP", "target", "CARRIER")).build();
    }

    public static FulfillmentEvent carrierRetried(Order o, long t) {
        return base(o, "INTEGRATION_CALL_RETRIED", t, "CARRIER").setAttributes(Map.of("carrier", "SWIFTSHIP")).build();
    }

    public static FulfillmentEvent exception(Order o, boolean raised, String code, long t) {
        return base(o, raised ? "EXCEPTION_RAISED" : "EXCEPTION_RESOLVED", t, "OMS").setErrorCode(code).build();
    }

    public static FulfillmentEvent labelled(Order o, long t) {
        return base(o, "LABEL_CREATED", t, "TMS").setAttributes(Map.of("carrier", "SWIFTSHIP")).build();
    }

    /** Placed at T0 and through the DC to the label within 2 h 20 min (all stages well inside their targets). */
    public static FulfillmentEvent[] throughTheDc(Order o) {
        return new FulfillmentEvent[] {
            placed(o, T0),
            at(o, "PAYMENT_AUTHORIZED", T0 + MINUTE),
            at(o, "ORDER_SOURCED", T0 + 3 * MINUTE),
            at(o, "INVENTORY_RESERVED", T0 + 4 * MINUTE),
            at(o, "RELEASED_TO_WAREHOUSE", T0 + 15 * MINUTE),
            at(o, "WAVE_RELEASED", T0 + 55 * MINUTE),
            at(o, "PICKED", T0 + 90 * MINUTE),
            at(o, "PACKED", T0 + 2 * HOUR),
            labelled(o, T0 + 2 * HOUR + 20 * MINUTE),
        };
    }

    private static FulfillmentEvent.Builder base(Order o, String activity, long t, String system) {
        int seq = SEQUENCES.merge(o.id(), 1, Integer::sum);
        boolean hasNode = !activity.equals("ORDER_PLACED") && !activity.equals("PAYMENT_AUTHORIZED");
        return FulfillmentEvent.newBuilder()
                .setEventId(o.id() + "-" + activity + "-" + t + "-" + seq)
                .setDataset(DATASET)
                .setOrderId(o.id())
                .setActivity(activity)
                .setEventTime(t)
                .setIngestTime(t)
                .setSourceSystem(system)
                .setChannel(o.channel())
                .setFulfillmentType(o.fulfillmentType())
                .setNodeId(hasNode ? o.nodeId() : null)
                .setRegion(hasNode ? o.region() : null)
                .setSequence((long) seq);
    }

    private static String systemOf(String activity) {
        switch (activity) {
            case "PAYMENT_AUTHORIZED": return "PAYMENT";
            case "INVENTORY_RESERVED": return "INVENTORY";
            case "WAVE_RELEASED": case "PICKED": case "PACKED": return "WMS";
            case "STORE_PICK_STARTED": case "STORE_PICKED": case "READY_FOR_PICKUP": case "CUSTOMER_COLLECTED": return "POS";
            case "CARRIER_HANDOFF": case "OUT_FOR_DELIVERY": case "DELIVERED": case "IN_TRANSIT": return "CARRIER";
            case "INVOICED": return "ERP";
            case "RETURN_INITIATED": return "ECOM";
            default: return "OMS";
        }
    }

    public static long hours(double h) {
        return (long) (h * HOUR);
    }
}
