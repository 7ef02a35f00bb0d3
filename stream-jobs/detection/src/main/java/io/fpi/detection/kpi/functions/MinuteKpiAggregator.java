package io.fpi.detection.kpi.functions;

import io.fpi.detection.kpi.records.KpiContribution;
import io.fpi.detection.kpi.records.KpiMinuteRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Event-time tumbling one-minute windows with allowed lateness, written out as idempotent upserts.
 * Keyed by {@link DimensionKey}; per key, one {@link KpiMinuteRow} per minute still open to
 * contributions.
 *
 * <ul>
 *   <li>A minute's row is emitted when the watermark passes the minute's end, and again (a fuller
 *   row, higher version) after each watermark advance that brought late contributions for it. Late
 *   updates are coalesced: one row per key and minute per watermark step, not one per element.</li>
 *   <li>The minute's state is dropped when the watermark passes its end + allowed lateness;
 *   contributions for it after that go to {@link #TOO_LATE} and are counted, never half-applied.</li>
 *   <li>version = contributions folded in; rows are deterministic in the contributions, so a replay
 *   after a restore rewrites the same final row and ReplacingMergeTree(version) keeps one.</li>
 * </ul>
 */
public class MinuteKpiAggregator extends KeyedProcessFunction<String, KpiContribution, KpiMinuteRow> {
    private static final long serialVersionUID = 1L;
    private static final long MINUTE_MS = 60_000L;

    public static final OutputTag<KpiContribution> TOO_LATE =
            new OutputTag<>("kpi-too-late", TypeInformation.of(KpiContribution.class));

    private final long allowedLatenessMs;

    /** Minute start -> its row so far. */
    private transient MapState<Long, KpiMinuteRow> rows;
    /** Minute start -> true while the row has contributions not yet emitted. */
    private transient MapState<Long, Boolean> dirty;
    private transient Counter tooLate;
    private transient Counter lateUpdates;

    public MinuteKpiAggregator(Duration allowedLateness) {
        this.allowedLatenessMs = allowedLateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        rows = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("rows", Types.LONG, TypeInformation.of(KpiMinuteRow.class)));
        dirty = getRuntimeContext().getMapState(new MapStateDescriptor<>("dirty", Types.LONG, Types.BOOLEAN));
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("kpis");
        tooLate = metrics.counter("tooLateContributions");
        lateUpdates = metrics.counter("lateMinuteUpdates");
    }

    @Override
    public void processElement(KpiContribution c, Context ctx, Collector<KpiMinuteRow> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        long end = lastMs(c.minuteMs);
        long cleanup = cleanupTime(c.minuteMs);
        if (watermark >= cleanup) {
            tooLate.inc();
            ctx.output(TOO_LATE, c);
            return;
        }
        KpiMinuteRow row = rows.get(c.minuteMs);
        if (row == null) {
            row = KpiMinuteRow.keyedLike(c);
            ctx.timerService().registerEventTimeTimer(end);
            ctx.timerService().registerEventTimeTimer(cleanup);
        }
        row.add(c);
        rows.put(c.minuteMs, row);
        dirty.put(c.minuteMs, true);
        if (watermark >= end) {
            // already emitted once: re-emit at the next watermark step, together with whatever else arrives
            lateUpdates.inc();
            ctx.timerService().registerEventTimeTimer(watermark + 1);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KpiMinuteRow> out) throws Exception {
        List<Long> expired = new ArrayList<>();
        for (Map.Entry<Long, KpiMinuteRow> e : rows.entries()) {
            long minute = e.getKey();
            if (lastMs(minute) <= timestamp && Boolean.TRUE.equals(dirty.get(minute))) {
                out.collect(e.getValue().copy());
                dirty.remove(minute);
            }
            if (cleanupTime(minute) <= timestamp) {
                expired.add(minute);
            }
        }
        for (Long minute : expired) {
            rows.remove(minute);
            dirty.remove(minute);
        }
    }

    private static long lastMs(long minute) {
        return minute + MINUTE_MS - 1;
    }

    private long cleanupTime(long minute) {
        long r = lastMs(minute) + allowedLatenessMs;
        return r < minute ? Long.MAX_VALUE : r;
    }
}
