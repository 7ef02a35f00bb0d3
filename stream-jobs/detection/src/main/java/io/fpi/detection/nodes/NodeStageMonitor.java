package io.fpi.detection.nodes;

import io.fpi.schemas.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Watches each (dataset, node, stage) of the stall file's {@code node_stages} for a blocked stage,
 * in event time ({@link NodeStageTracker} has the logic). Keyed by {@link NodeMilestone#key}, fed by
 * {@link NodeMilestoneRouter}.
 *
 * <p>Milestones are buffered by event time and applied only when the watermark passes them, all of
 * an instant at once in a fixed order, so the result depends only on the events, never on how the
 * parallel inputs interleave: replays and restores give the same findings with the same ids, and
 * every finding's {@code detected_at} is the event-time instant it is about. Milestones already
 * behind the watermark are counted ({@code nodeStageMonitor.lateMilestones}) and dropped. Timers:
 * one per buffered instant plus the next due instant; with idle sources the watermark advanced by
 * IdleAdvancingWatermarks fires them like any other.
 *
 * <p>State per key: the waiting orders of the stage ({@link NodeWait} in a map state), the buffered
 * milestones of instants the watermark has not reached, and a {@link NodeStageState}. When nobody
 * waits any more, the map is cleared and no timer is left; the NodeStageState stays (a few dozen
 * bytes per watched node and stage) if it has learned the stage's typical time, else it goes too.
 */
public final class NodeStageMonitor extends KeyedProcessFunction<String, NodeMilestone, Finding>
        implements ResultTypeQueryable<Finding> {
    private static final long serialVersionUID = 1L;
    private static final Comparator<NodeMilestone> ORDER = Comparator.comparing((NodeMilestone m) -> m.orderId)
            .thenComparing(m -> m.departure).thenComparing(m -> m.activity);

    private final List<NodeStageRule> rules;
    private final String rulesVersion;

    private transient ValueState<NodeStageState> state;
    private transient MapState<String, NodeWait> waits;
    private transient MapState<Long, List<NodeMilestone>> buffer;
    private transient Counter findings;
    private transient Counter late;

    public NodeStageMonitor(List<NodeStageRule> rules, String rulesVersion) {
        this.rules = List.copyOf(rules);
        this.rulesVersion = rulesVersion;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("node-stage", NodeStageState.class));
        waits = getRuntimeContext().getMapState(new MapStateDescriptor<>("node-stage-waits", Types.STRING,
                TypeInformation.of(NodeWait.class)));
        buffer = getRuntimeContext().getMapState(new MapStateDescriptor<>("node-stage-buffer", Types.LONG,
                Types.LIST(TypeInformation.of(NodeMilestone.class))));
        findings = getRuntimeContext().getMetricGroup().addGroup("nodeStageMonitor").counter("findings");
        late = getRuntimeContext().getMetricGroup().addGroup("nodeStageMonitor").counter("lateMilestones");
    }

    @Override
    public void processElement(NodeMilestone m, Context ctx, Collector<Finding> out) throws Exception {
        if (m.timeMs <= ctx.timerService().currentWatermark()) {
            late.inc();
            return;
        }
        List<NodeMilestone> at = buffer.get(m.timeMs);
        if (at == null) {
            at = new ArrayList<>(2);
            ctx.timerService().registerEventTimeTimer(m.timeMs);
        }
        at.add(m);
        buffer.put(m.timeMs, at);
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<Finding> out) throws Exception {
        String key = ctx.getCurrentKey();
        NodeStageTracker tracker = trackerFor(key);
        List<NodeMilestone> inputs = buffer.get(t);
        NodeStageState s = state.value();
        if (inputs == null && s == null) {
            return;
        }
        if (s == null) {
            s = new NodeStageState();
        }
        if (s.timerMs == t) {
            s.timerMs = NodeStageState.NONE;
        }
        NodeStageState st = s;
        if (tracker == null) { // a restore with a file that no longer watches this stage: let it go
            buffer.remove(t);
            state.clear();
            waits.clear();
            return;
        }
        NodeStageTracker.Waits w = waits();
        if (inputs != null) {
            buffer.remove(t);
            inputs.sort(ORDER);
            for (NodeMilestone m : inputs) {
                tracker.apply(st, w, m, f -> emit(f, key, st, tracker, out));
            }
        }
        tracker.evaluate(st, w, t, f -> emit(f, key, st, tracker, out));
        if (NodeStageTracker.isIdle(st)) {
            if (st.timerMs != NodeStageState.NONE && st.timerMs > t && !buffer.contains(st.timerMs)) {
                ctx.timerService().deleteEventTimeTimer(st.timerMs); // nothing left to time
            }
            waits.clear();
            if (st.learnedCount == 0) {
                state.clear();
            } else { // keep the stage's learned typical time: one small object per watched (node, stage)
                st.timerMs = NodeStageState.NONE;
                state.update(st);
            }
            return;
        }
        long next = tracker.next(st);
        if (next != st.timerMs) {
            if (st.timerMs != NodeStageState.NONE && st.timerMs > t && !buffer.contains(st.timerMs)) {
                ctx.timerService().deleteEventTimeTimer(st.timerMs);
            }
            if (next != NodeStageState.NONE) {
                ctx.timerService().registerEventTimeTimer(next);
            }
            st.timerMs = next;
        }
        state.update(st);
    }

    private void emit(NodeStageFinding f, String key, NodeStageState s, NodeStageTracker tracker, Collector<Finding> out) {
        findings.inc();
        out.collect(NodeFindings.of(f, key, s, tracker, rulesVersion));
    }

    private transient Map<String, NodeStageTracker> trackers;

    private NodeStageTracker trackerFor(String key) {
        if (trackers == null) {
            trackers = new java.util.HashMap<>();
        }
        NodeStageTracker t = trackers.get(key);
        if (t == null) {
            NodeStageRule r = NodeStageRules.resolve(rules, NodeStageKeys.node(key), NodeStageKeys.stage(key));
            if (r == null) {
                return null;
            }
            t = new NodeStageTracker(r);
            trackers.put(key, t);
        }
        return t;
    }

    private NodeStageTracker.Waits waits() {
        return new NodeStageTracker.Waits() {
            @Override
            public NodeWait get(String orderId) throws Exception {
                return waits.get(orderId);
            }

            @Override
            public void put(String orderId, NodeWait wait) throws Exception {
                waits.put(orderId, wait);
            }

            @Override
            public void remove(String orderId) throws Exception {
                waits.remove(orderId);
            }

            @Override
            public Iterable<Map.Entry<String, NodeWait>> entries() throws Exception {
                return waits.entries();
            }
        };
    }

    @Override
    public TypeInformation<Finding> getProducedType() {
        return io.fpi.detection.findings.FindingTypeInfo.INSTANCE;
    }
}
