package io.fpi.detection.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.detection.stalls.StallTracker;
import io.fpi.jobs.traces.functions.TraceKeySelector;
import io.fpi.policies.sla.SlaEvaluator;
import io.fpi.schemas.CanonicalActivity;
import io.fpi.schemas.FulfillmentEvent;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How many heap bytes one open order costs the monitor, counted object by object on a 64-bit JVM
 * with compressed references (12-byte headers, 4-byte references, 8-byte alignment), leaving out
 * what all orders share: canonical activity names, interned systems and node ids, the resolved
 * policy. Deterministic, unlike sampling the heap; SLA_AND_STALLS.md records the figures.
 */
class StateSizeTest extends MonitorTestBase {
    /** Heap state backend: one map entry (40 bytes) and a table slot per key; one timer (~70 bytes). */
    static final int BACKEND_PER_KEY = 44;
    static final int TIMER = 72;

    @Test
    void an_open_order_costs_the_monitor_well_under_half_a_kilobyte() {
        SlaEvaluator evaluator = new SlaEvaluator(POLICIES);
        StallTracker tracker = new StallTracker(STALL_RULES, POLICIES);
        Order o = shipToHome("ORD-0a1b2c3d-0000042");
        OrderMonitorState m = new OrderMonitorState();
        List<Integer> sizes = new ArrayList<>();
        for (FulfillmentEvent e : throughTheDc(o)) {
            tracker.onEvent(m, m.sla, e.getActivity(), e.getEventTime(), e.getSourceSystem(), e.getErrorCode(), f -> { });
            evaluator.onEvent(m.sla, e);
            m.lastEventMs = e.getEventTime();
            m.lastActivity = CanonicalActivity.of(e.getActivity()).get().name();

            sizes.add(retained(m));
        }
        int state = retained(m);
        int key = retained(TraceKeySelector.of(DATASET, o.id()));
        int total = state + key + BACKEND_PER_KEY + TIMER;
        System.out.printf("order monitor state per open order: %d bytes (SLA facts %d, stall state %d; after each event: %s);"
                + " key %d, backend %d, timer %d: %d in all%n", state, retained(m.sla), retained(m) - retained(m.sla), sizes, key,
                BACKEND_PER_KEY, TIMER, total);

        assertThat(state).isLessThan(450);
        assertThat(total).as("with the trace job's ~350-550 bytes, 1 M open orders stay under 1 KB each").isLessThan(600);
    }

    /** Bytes reachable from {@code root} that this order owns. */
    static int retained(Object root) {
        return retained(root, new IdentityHashMap<>());
    }

    private static int retained(Object o, Map<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null || shared(o)) {
            return 0;
        }
        Class<?> c = o.getClass();
        if (c.isArray()) {
            int n = Array.getLength(o);
            Class<?> t = c.getComponentType();
            int size = align(16 + n * width(t));
            if (!t.isPrimitive()) {
                for (int i = 0; i < n; i++) {
                    size += retained(Array.get(o, i), seen);
                }
            }
            return size;
        }
        int shallow = 12;
        int deep = 0;
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                shallow += width(f.getType());
                if (!f.getType().isPrimitive() && !Modifier.isTransient(f.getModifiers())) {
                    f.setAccessible(true);
                    try {
                        deep += retained(f.get(o), seen);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return align(shallow) + deep;
    }

    /** Interned attribute values (interning is idempotent: this returns the instances the state holds). */
    private static final Map<Object, Boolean> INTERNED = new IdentityHashMap<>();

    static {
        for (String v : List.of("DC-NORTHEAST", "NORTHEAST", "WEB", "SHIP_TO_HOME", "SWIFTSHIP", "ECOM", "PAYMENT", "OMS",
                "INVENTORY", "WMS", "TMS", "CARRIER", "POS")) {
            INTERNED.put(POLICIES.intern(v), Boolean.TRUE);
        }
    }

    /** Shared by every order: canonical activity names, interned attribute values, enum constants. */
    private static boolean shared(Object o) {
        if (o instanceof String s) {
            return CanonicalActivity.of(s).map(a -> a.name() == s).orElse(false) || INTERNED.containsKey(s);
        }
        return o instanceof Enum<?>;
    }

    private static int width(Class<?> t) {
        if (t == long.class || t == double.class) {
            return 8;
        }
        if (t == int.class || t == float.class) {
            return 4;
        }
        if (t == short.class || t == char.class) {
            return 2;
        }
        if (t == byte.class || t == boolean.class) {
            return 1;
        }
        return 4;
    }

    private static int align(int n) {
        return (n + 7) & ~7;
    }
}
