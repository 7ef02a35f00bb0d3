package io.fpi.policies.sla;

import io.fpi.schemas.FulfillmentEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared fixtures for evaluator stories: one order, its events, a watermark that fires the order's
 * timer the way Flink would (every registered instant up to the watermark, in order), and the
 * findings reported so far. Times are New York local (EST in January 2025; 13 January is a Monday).
 */
abstract class SlaTestBase {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;
    static final String DATASET = "acme";
    static final String ORDER = "ORD-1";
    static final String STORE = "ST-0001";
    static final String DC = "DC-NORTHEAST";
    static final String REGION = "NORTHEAST";
    static final SlaPolicies TEST_POLICIES = loadResource("sla/evaluator-policies.yaml");

    final List<SlaFinding> findings = new ArrayList<>();
    OrderSlaState state = new OrderSlaState();
    SlaEvaluator evaluator = new SlaEvaluator(TEST_POLICIES);
    private int eventCount;

    /** New York local time, e.g. {@code ny("2025-01-13T20:30")}. */
    static long ny(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(NEW_YORK).toInstant().toEpochMilli();
    }

    static SlaPolicies loadResource(String name) {
        try (InputStream in = SlaTestBase.class.getClassLoader().getResourceAsStream(name)) {
            return SlaPolicies.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ORDER_PLACED with type, channel and promise; no node yet (the OMS sources it next). */
    FulfillmentEvent orderPlaced(long t, String type, Long promisedBy) {
        FulfillmentEvent e = event("ORDER_PLACED", t);
        e.setFulfillmentType(type);
        e.setChannel("WEB");
        e.setPromisedBy(promisedBy);
        return e;
    }

    /** ORDER_SOURCED at a node of the NORTHEAST region. */
    FulfillmentEvent orderSourced(long t, String node) {
        return atNode(event("ORDER_SOURCED", t), node);
    }

    FulfillmentEvent atNode(FulfillmentEvent e, String node) {
        e.setNodeId(node);
        e.setRegion(REGION);
        return e;
    }

    /** The OMS moved the promise (a customer modification). */
    FulfillmentEvent promiseChanged(long t, long promisedBy) {
        FulfillmentEvent e = event("ORDER_MODIFIED", t);
        e.setPromisedBy(promisedBy);
        return e;
    }

    FulfillmentEvent withCarrier(FulfillmentEvent e, String carrier) {
        e.getAttributes().put("carrier", carrier);
        return e;
    }

    /** An event of the order without node, channel or type (as most later events are). */
    FulfillmentEvent event(String activity, long t) {
        Map<String, String> attributes = new HashMap<>();
        return FulfillmentEvent.newBuilder()
                .setEventId("evt-" + (++eventCount))
                .setDataset(DATASET)
                .setOrderId(ORDER)
                .setActivity(activity)
                .setEventTime(t)
                .setIngestTime(t)
                .setSourceSystem("OMS")
                .setAttributes(attributes)
                .build();
    }

    /** Processes events in the given order; returns the order's timer after the last. */
    long process(FulfillmentEvent... events) {
        long timer = SlaEvaluator.NO_TIMER;
        for (FulfillmentEvent e : events) {
            timer = evaluator.onEvent(state, e);
        }
        return timer;
    }

    /** Advances the watermark: fires the order's timer while it is due, collecting findings. */
    List<SlaFinding> watermark(long wm) {
        int before = findings.size();
        while (state.nextTimerMs <= wm) {
            evaluator.onTimer(state, DATASET, ORDER, state.nextTimerMs, findings::add);
        }
        return List.copyOf(findings.subList(before, findings.size()));
    }

    /** The end of input: Flink's final watermark fires every remaining timer. */
    List<SlaFinding> endOfInput() {
        return watermark(Long.MAX_VALUE - 1);
    }

    RuleStatus status(String rule) {
        return evaluator.status(state).stream().filter(s -> s.rule().name().equals(rule)).findFirst().orElseThrow();
    }

    static String describe(SlaFinding f) {
        return f.type() + " " + f.rule();
    }
}
