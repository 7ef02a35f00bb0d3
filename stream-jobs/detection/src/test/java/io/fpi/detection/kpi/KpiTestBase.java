package io.fpi.detection.kpi;

import io.fpi.detection.kpi.records.KpiContribution;
import io.fpi.detection.kpi.records.Measure;
import io.fpi.jobs.traces.records.OrderChange;
import io.fpi.jobs.traces.records.OrderFacts;
import java.time.Duration;
import java.time.Instant;

/** Named instants and factories so KPI tests read like a story. */
public abstract class KpiTestBase {
    public static final String DATASET = "acme";

    /** A whole minute, 2025-03-03T09:00:00Z. */
    public static final long T0 = Instant.parse("2025-03-03T09:00:00Z").toEpochMilli();
    public static final long T0_PLUS_30S = T0 + 30_000;
    public static final long T0_PLUS_1M = T0 + Duration.ofMinutes(1).toMillis();
    public static final long T0_PLUS_2M = T0 + Duration.ofMinutes(2).toMillis();
    public static final long T0_PLUS_10M = T0 + Duration.ofMinutes(10).toMillis();
    public static final long T0_PLUS_30M = T0 + Duration.ofMinutes(30).toMillis();
    public static final long T0_PLUS_1H = T0 + Duration.ofHours(1).toMillis();
    public static final long T0_PLUS_2H = T0 + Duration.ofHours(2).toMillis();
    public static final long T0_PLUS_3H = T0 + Duration.ofHours(3).toMillis();
    public static final long T0_PLUS_1D = T0 + Duration.ofDays(1).toMillis();
    public static final long T0_PLUS_40D = T0 + Duration.ofDays(40).toMillis();

    /** Facts of an open order placed at {@code placedAt} on WEB / SHIP_TO_HOME, not yet sourced. */
    public static OrderFacts placed(long placedAt) {
        OrderFacts f = new OrderFacts();
        f.channel = "WEB";
        f.fulfillmentType = "SHIP_TO_HOME";
        f.placedAtMs = placedAt;
        f.status = "open";
        f.unitsOrdered = 2;
        return f;
    }

    public static OrderFacts sourced(OrderFacts f, String node, String region) {
        OrderFacts g = copy(f);
        g.nodeId = node;
        g.region = region;
        return g;
    }

    public static OrderFacts closed(OrderFacts f, String status, long at, Integer unitsFulfilled, Long cost) {
        OrderFacts g = copy(f);
        g.status = status;
        g.completedAtMs = at;
        g.cycleTimeMs = at - f.placedAtMs;
        g.unitsFulfilled = unitsFulfilled;
        g.costMinor = cost;
        return g;
    }

    public static OrderChange change(String orderId, String activity, long at, OrderFacts before, OrderFacts after) {
        return new OrderChange(DATASET, orderId, activity, at, "OMS", "", before, after);
    }

    public static OrderChange exception(String orderId, String activity, String code, long at, OrderFacts facts) {
        return new OrderChange(DATASET, orderId, activity, at, "OMS", code, facts, facts);
    }

    public static KpiContribution contribution(long at, Measure m, int sign, long value) {
        return new KpiContribution(DATASET, "WEB", "SHIP_TO_HOME", "EU", "DC-1", at, m, sign, value, "");
    }

    public static OrderFacts copy(OrderFacts f) {
        OrderFacts g = new OrderFacts();
        g.channel = f.channel;
        g.fulfillmentType = f.fulfillmentType;
        g.region = f.region;
        g.nodeId = f.nodeId;
        g.placedAtMs = f.placedAtMs;
        g.status = f.status;
        g.completedAtMs = f.completedAtMs;
        g.cycleTimeMs = f.cycleTimeMs;
        g.unitsOrdered = f.unitsOrdered;
        g.unitsFulfilled = f.unitsFulfilled;
        g.costMinor = f.costMinor;
        g.returnInitiatedMs = f.returnInitiatedMs;
        g.refundIssuedMs = f.refundIssuedMs;
        return g;
    }
}
