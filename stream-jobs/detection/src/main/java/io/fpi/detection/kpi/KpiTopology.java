package io.fpi.detection.kpi;

import io.fpi.detection.kpi.functions.DimensionKey;
import io.fpi.detection.kpi.functions.ExceptionResolutions;
import io.fpi.detection.kpi.functions.MinuteKpiAggregator;
import io.fpi.detection.kpi.functions.OrderChangeContributions;
import io.fpi.detection.kpi.functions.OrderKey;
import io.fpi.detection.kpi.functions.SlaContributions;
import io.fpi.detection.kpi.records.KpiContribution;
import io.fpi.detection.kpi.records.KpiMinuteRow;
import io.fpi.detection.kpi.records.KpiMinuteRowEncoder;
import io.fpi.detection.sla.SlaOutcome;
import io.fpi.jobs.common.ClickHouseSink;
import io.fpi.jobs.traces.TraceOutputs;
import io.fpi.jobs.traces.records.OrderChange;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import java.util.Objects;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * KPIs per minute per (dataset, channel, fulfillment type, region, node), composable into any job
 * that runs the trace workflow:
 *
 * <pre>
 *   order changes ─flatMap─> contributions ──────────────────────────────┐
 *   order changes ─filter(exceptions)─keyBy(order)─> resolutions ────────┼─union─keyBy(dims)─> minute aggregator ─> kpi_minute
 *   SLA outcomes ─map─> contributions ───────────────────────────────────┘
 * </pre>
 *
 * Every operator has a stable uid (prefix {@code kpi-}). Design, definitions and the restore story:
 * stream-jobs/detection/KPIS.md.
 */
public final class KpiTopology {
    private KpiTopology() {}

    /**
     * Adds the KPI operators and the kpi_minute sink (table created by migration 003).
     *
     * @param traces the trace workflow's outputs; needs {@link TraceOutputs#orderChanges()}
     * @param sla    the SLA monitor's outcomes, or null while none is wired (sla_due stays 0)
     */
    public static KpiStreams attach(TraceOutputs traces, DataStream<SlaOutcome> sla, ClickHouseEndpoint clickHouse,
                                    ClickHouseSink.Settings sink, KpiSettings settings) {
        KpiStreams out = define(traces, sla, settings);
        out.minuteRows()
                .sinkTo(new ClickHouseSink<>(clickHouse, KpiMinuteRowEncoder.TABLE, new KpiMinuteRowEncoder(), sink))
                .name("clickhouse-kpi-minute").uid("clickhouse-kpi-minute");
        return out;
    }

    /** {@link #attach} with default KPI settings. */
    public static KpiStreams attach(TraceOutputs traces, DataStream<SlaOutcome> sla, ClickHouseEndpoint clickHouse,
                                    ClickHouseSink.Settings sink) {
        return attach(traces, sla, clickHouse, sink, KpiSettings.defaults());
    }

    /** The KPI operators without sinks (for tests and for jobs that write elsewhere). */
    public static KpiStreams define(TraceOutputs traces, DataStream<SlaOutcome> sla, KpiSettings settings) {
        DataStream<OrderChange> changes = Objects.requireNonNull(traces.orderChanges(),
                "the trace outputs carry no order changes: build them with TraceJob.defineWorkflow");
        return define(changes, sla, settings);
    }

    public static KpiStreams define(DataStream<OrderChange> changes, DataStream<SlaOutcome> sla, KpiSettings settings) {
        DataStream<KpiContribution> contributions = changes
                .flatMap(new OrderChangeContributions())
                .name("kpi-order-contributions").uid("kpi-order-contributions");
        DataStream<KpiContribution> resolutions = changes
                .filter(ExceptionResolutions::isExceptionEvent)
                .name("kpi-exception-events").uid("kpi-exception-events")
                .keyBy(new OrderKey())
                .process(new ExceptionResolutions(settings.exceptionExpiry()))
                .name("kpi-exception-resolutions").uid("kpi-exception-resolutions");
        contributions = contributions.union(resolutions);
        if (sla != null) {
            contributions = contributions.union(sla
                    .map(new SlaContributions())
                    .name("kpi-sla-contributions").uid("kpi-sla-contributions"));
        }
        SingleOutputStreamOperator<KpiMinuteRow> rows = contributions
                .keyBy(new DimensionKey())
                .process(new MinuteKpiAggregator(settings.allowedLateness()))
                .name("kpi-minute-aggregator").uid("kpi-minute-aggregator");
        return new KpiStreams(rows, rows.getSideOutput(MinuteKpiAggregator.TOO_LATE));
    }
}
