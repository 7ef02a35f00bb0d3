package io.fpi.launcher.bench;

import io.fpi.jobs.common.FulfillmentEventTypeInfo;
import io.fpi.jobs.traces.records.TraceState;
import io.fpi.schemas.EventCodec;
import io.fpi.schemas.FulfillmentEvent;
import io.fpi.simulator.RecordKind;
import io.fpi.simulator.SimRecord;
import io.fpi.simulator.Simulator;
import io.fpi.simulator.SimulatorConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;

/**
 * The open orders of the state-size run: order {@code i} gets the first {@link #EVENTS_PER_ORDER}
 * events of a real simulated order (ORDER_PLACED and what follows, never a closing event), with its
 * own order id (same shape and length as the simulator's) and event ids. Emitting blocks at the
 * {@link MemoryGate} before the first order (baseline) and after the last (measurement), so the
 * job, and its state, stay alive while the heap is measured.
 */
final class OpenOrders extends RichFlatMapFunction<Long, FulfillmentEvent> implements ResultTypeQueryable<FulfillmentEvent> {
    private static final long serialVersionUID = 1L;
    static final int EVENTS_PER_ORDER = 3;
    private static final int TEMPLATE_ORDERS = 500;

    private final List<byte[]> templates; // EVENTS_PER_ORDER encoded events per template order
    private final long orders;
    private transient FulfillmentEvent[] decoded;
    private transient long emitted;

    OpenOrders(List<byte[]> templates, long orders) {
        this.templates = templates;
        this.orders = orders;
    }

    /** First events of simulated orders that are still open after them; deterministic (seed 11). */
    static List<byte[]> templates() {
        SimulatorConfig config = TopicFill.retailer("bench", 11);
        Map<String, List<FulfillmentEvent>> firstEvents = new HashMap<>();
        List<byte[]> out = new ArrayList<>();
        EventCodec codec = new EventCodec();
        Iterator<SimRecord> records = Simulator.records(config);
        while (out.size() < TEMPLATE_ORDERS * EVENTS_PER_ORDER && records.hasNext()) {
            SimRecord r = records.next();
            if (r.kind() != RecordKind.EVENT) {
                continue;
            }
            List<FulfillmentEvent> events = firstEvents.computeIfAbsent(r.event().getOrderId(), k -> new ArrayList<>());
            if (events.size() >= EVENTS_PER_ORDER) {
                continue;
            }
            events.add(r.event());
            if (events.size() == EVENTS_PER_ORDER) {
                if (events.stream().allMatch(e -> TraceState.closesAs(e.getActivity()) == null)) {
                    events.forEach(e -> out.add(codec.encode(e)));
                }
            }
        }
        return out;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        EventCodec codec = new EventCodec();
        decoded = new FulfillmentEvent[templates.size()];
        for (int i = 0; i < decoded.length; i++) {
            decoded[i] = codec.decode(templates.get(i), null);
        }
    }

    @Override
    public void flatMap(Long index, Collector<FulfillmentEvent> out) throws Exception {
        if (emitted == 0) {
            MemoryGate.awaitGo();
        }
        long i = index;
        int t = (int) (i % (decoded.length / EVENTS_PER_ORDER)) * EVENTS_PER_ORDER;
        String orderId = orderId(i);
        for (int k = 0; k < EVENTS_PER_ORDER; k++) {
            // The next hop is a network edge (keyBy): collect() serializes at once, so reusing the
            // template object is safe.
            FulfillmentEvent e = decoded[t + k];
            e.setOrderId(orderId);
            e.setEventId(orderId + "-0" + k);
            out.collect(e);
        }
        if (++emitted == orders) {
            MemoryGate.awaitRelease();
        }
    }

    /** ORD-B3NCH000-0000042: the simulator's id shape (ORD-, 8 characters, -, 7 digits). */
    static String orderId(long i) {
        return "ORD-B3NCH000-" + String.format(Locale.ROOT, "%07d", i);
    }

    @Override
    public TypeInformation<FulfillmentEvent> getProducedType() {
        return FulfillmentEventTypeInfo.INSTANCE;
    }
}
