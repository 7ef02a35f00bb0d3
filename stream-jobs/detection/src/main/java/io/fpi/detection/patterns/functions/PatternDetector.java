package io.fpi.detection.patterns.functions;

import io.fpi.detection.patterns.PatternConfig;
import io.fpi.detection.patterns.WindowEvaluator;
import io.fpi.detection.patterns.records.OpenWindow;
import io.fpi.detection.patterns.records.PatternHit;
import io.fpi.detection.patterns.records.PatternState;
import io.fpi.detection.patterns.records.WindowCount;
import io.fpi.schemas.Finding;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * One pattern key (dataset, scope, pattern key): counts its events per event-time window and, as
 * each window closes, applies the recurring and spike rules ({@link WindowEvaluator}). Findings are
 * the main output; closed-window rows go to {@link #WINDOWS}.
 *
 * <p>Timers: the key holds exactly one event-time timer, at the close time of its oldest open
 * window. When it fires that window closes (with count 0 if nothing arrived: a key that goes quiet
 * still sees its zero windows) and the timer moves to the next window. After the idle expiry of
 * consecutive zero windows, with no window open, the key's state is cleared and no timer is set.
 *
 * <p>Late events: an event whose window has already closed (its close time is at or behind the
 * watermark, or before the key's oldest open window) is not counted; it is counted in the metric
 * {@code latePatternEvents}. Its trace is unaffected: the trace job merges late events itself.
 */
public final class PatternDetector extends KeyedProcessFunction<String, PatternHit, Finding> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<WindowCount> WINDOWS = new OutputTag<>("exception-windows",
            TypeInformation.of(WindowCount.class));

    private final PatternConfig config;
    private transient ValueState<PatternState> state;
    private transient MapState<Long, OpenWindow> openWindows;
    private transient WindowEvaluator evaluator;
    private transient Counter lateEvents;
    private transient Counter expiredKeys;
    private transient Counter findings;

    public PatternDetector(PatternConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("pattern", PatternState.class));
        openWindows = getRuntimeContext().getMapState(new MapStateDescriptor<>("open-windows", Types.LONG,
                TypeInformation.of(OpenWindow.class)));
        evaluator = new WindowEvaluator(config);
        lateEvents = getRuntimeContext().getMetricGroup().counter("latePatternEvents");
        expiredKeys = getRuntimeContext().getMetricGroup().counter("expiredPatternKeys");
        findings = getRuntimeContext().getMetricGroup().counter("patternFindings");
    }

    @Override
    public void processElement(PatternHit hit, Context ctx, Collector<Finding> out) throws Exception {
        long window = config.windowStart(hit.eventTimeMs);
        PatternState s = state.value();
        boolean closedByWatermark = config.closeTime(window) <= ctx.timerService().currentWatermark();
        // the second test matters after a restore, when the watermark starts from scratch but state does not
        boolean closedByState = s != null && s.closedWindows > 0 && window < s.nextWindowStartMs;
        if (closedByWatermark || closedByState) {
            lateEvents.inc();
            return;
        }
        if (s == null) {
            s = PatternState.of(hit, window, config.recurringM());
            ctx.timerService().registerEventTimeTimer(config.closeTime(window));
        } else if (window < s.nextWindowStartMs) {
            // an out-of-order event before the key's first window, which has not closed yet
            ctx.timerService().deleteEventTimeTimer(config.closeTime(s.nextWindowStartMs));
            s.nextWindowStartMs = window;
            s.datasetStartMs = Math.min(s.datasetStartMs, Math.min(hit.datasetStartMs, window));
            ctx.timerService().registerEventTimeTimer(config.closeTime(window));
        } else if (s.closedWindows == 0) {
            s.datasetStartMs = Math.min(s.datasetStartMs, hit.datasetStartMs);
        }
        OpenWindow w = openWindows.get(window);
        if (w == null) {
            w = new OpenWindow();
        }
        w.add(hit.orderId);
        openWindows.put(window, w);
        state.update(s);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Finding> out) throws Exception {
        PatternState s = state.value();
        if (s == null || timestamp != config.closeTime(s.nextWindowStartMs)) {
            return; // cannot happen with one timer per key; never act on a stray one
        }
        long window = s.nextWindowStartMs;
        OpenWindow contents = openWindows.get(window);
        if (contents != null) {
            openWindows.remove(window);
        }
        WindowEvaluator.Outcome outcome = evaluator.close(s, window, contents);
        for (Finding f : outcome.findings()) {
            out.collect(f);
            findings.inc();
        }
        if (outcome.row() != null) {
            ctx.output(WINDOWS, outcome.row());
        }
        s.nextWindowStartMs = window + config.windowMs();
        if (s.quietWindows >= config.idleWindows() && !s.inSpike() && !s.inRecurring() && openWindows.isEmpty()) {
            state.clear();
            expiredKeys.inc();
            return;
        }
        ctx.timerService().registerEventTimeTimer(config.closeTime(s.nextWindowStartMs));
        state.update(s);
    }
}
