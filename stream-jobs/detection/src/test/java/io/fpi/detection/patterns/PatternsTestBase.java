package io.fpi.detection.patterns;

import io.fpi.schemas.FulfillmentEvent;
import io.fpi.simulator.RecordKind;
import io.fpi.simulator.SimRecord;
import io.fpi.simulator.Simulator;
import io.fpi.simulator.SimulatorConfig;
import io.fpi.simulator.scenarios.ScenarioName;
import io.fpi.simulator.scenarios.ScenarioSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Shared fixtures: named instants on 15-minute window boundaries, event factories, simulator runs. */
public abstract class PatternsTestBase {
    public static final long MINUTE = 60_000L;
    public static final long WINDOW = 15 * MINUTE;
    /** 13:00 UTC, a window boundary. */
    public static final long T0 = Instant.parse("2026-03-02T13:00:00Z").toEpochMilli();
    public static final long T0_PLUS_15M = T0 + WINDOW;
    public static final long T0_PLUS_30M = T0 + 2 * WINDOW;
    public static final long T0_PLUS_1H = T0 + 4 * WINDOW;
    public static final long T0_PLUS_2H = T0 + 8 * WINDOW;

    public static final String DATASET = "acme";

    /** Start of window number {@code i} after T0. */
    public static long window(int i) {
        return T0 + i * WINDOW;
    }

    /** The instant at which window {@code i} after T0 closes (no allowed lateness). */
    public static long closeOf(int i) {
        return window(i) + WINDOW - 1;
    }

    public static FulfillmentEvent.Builder event(String orderId, String activity, long time, String source) {
        return FulfillmentEvent.newBuilder()
                .setEventId(orderId + "-" + activity + "-" + time)
                .setDataset(DATASET)
                .setOrderId(orderId)
                .setActivity(activity)
                .setEventTime(time)
                .setIngestTime(time + 500)
                .setSourceSystem(source)
                .setChannel("WEB")
                .setNodeId("DC-NORTHEAST")
                .setRegion("NORTHEAST");
    }

    /** A carrier's pickup API failing for one order: the signature of the carrier-outage scenario. */
    public static FulfillmentEvent carrierFailure(String orderId, long time, String carrier) {
        Map<String, String> attrs = new HashMap<>();
        attrs.put("carrier", carrier);
        attrs.put("target", "CARRIER");
        return event(orderId, "INTEGRATION_CALL_FAILED", time, "CARRIER").setErrorCode("CARRIER_API_5XX")
                .setErrorReason("pickup manifest API returned 503").setAttributes(attrs).build();
    }

    public static FulfillmentEvent backorder(String orderId, long time, String node) {
        return event(orderId, "EXCEPTION_RAISED", time, "OMS").setErrorCode("BACKORDER").setNodeId(node).build();
    }

    /** {@code n} carrier failures of distinct orders spread over window {@code i} after T0. */
    public static List<FulfillmentEvent> carrierFailures(int i, int n, String carrier) {
        List<FulfillmentEvent> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            out.add(carrierFailure("o-" + i + "-" + k, window(i) + 1 + k * (WINDOW - 2) / Math.max(1, n), carrier));
        }
        return out;
    }

    /** {@code n} backorders of distinct orders spread over window {@code i} after T0. */
    public static List<FulfillmentEvent> backorders(int i, int n) {
        List<FulfillmentEvent> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            out.add(backorder("b-" + i + "-" + k, window(i) + 1 + k * (WINDOW - 2) / Math.max(1, n), "DC-NORTHEAST"));
        }
        return out;
    }

    /**
     * Defaults with one scope (all) for both rules, so one event is one hit and counts are easy to
     * read: window 15 min, recurring 3 of 4 with at least 2 events, spike k = 4 with at least 5
     * events, alpha 0.2, warm-up 1 h, idle expiry 24 h.
     */
    public static PatternConfig.Builder allScope() {
        return PatternConfig.builder().scopes(PatternScope.ALL).recurringScopes(PatternScope.ALL);
    }

    /** An unpaced simulator run starting at T0, with or without a carrier outage of {@code carrier}. */
    public static SimulatorConfig simulation(long orders, String outageCarrier) {
        SimulatorConfig.Builder b = SimulatorConfig.builder().seed(7).simStartMs(T0).paced(false).maxOrders(orders);
        if (outageCarrier != null) {
            b.scenario(new ScenarioSpec(ScenarioName.CARRIER_OUTAGE, outageCarrier, Duration.ofHours(2), Duration.ofHours(4)));
        }
        return b.build();
    }

    /** The distinct events of a run in emission order: what the trace job passes on after de-duplication. */
    public static List<FulfillmentEvent> distinctEvents(SimulatorConfig config) {
        List<FulfillmentEvent> out = new ArrayList<>();
        Iterator<SimRecord> records = Simulator.records(config);
        while (records.hasNext()) {
            SimRecord r = records.next();
            if (r.kind() == RecordKind.EVENT) {
                out.add(r.event());
            }
        }
        return out;
    }
}
