package io.fpi.detection.sla;

import io.fpi.jobs.traces.functions.TraceKeySelector;
import io.fpi.schemas.Finding;
import io.fpi.schemas.FulfillmentEvent;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Wires SLA and stall detection onto the trace job's de-duplicated event stream
 * ({@code TraceOutputs.events()}). The caller adds sinks: {@code FindingRowEncoder} (ClickHouse
 * findings), {@code FindingRecordSerializer} (topic fpi.findings), the KPI operators.
 *
 * <pre>{@code
 * TraceOutputs traces = TraceJob.defineWorkflow(env, source, traceConfig, monitor.idleAdvanceAfter());
 * MonitorOutputs monitored = OrderMonitoring.attach(traces.events(), MonitorConfig.fromEnv(System.getenv()));
 * }</pre>
 *
 * <p>Operator uid: {@value #UID}; keep it when changing the job so the per-order state restores.
 */
public final class OrderMonitoring {
    public static final String UID = "order-monitor";

    private OrderMonitoring() {}

    public static MonitorOutputs attach(DataStream<FulfillmentEvent> events, MonitorConfig config) {
        SingleOutputStreamOperator<Finding> findings = events
                .keyBy(new TraceKeySelector())
                .process(new OrderMonitor(config), io.fpi.detection.findings.FindingTypeInfo.INSTANCE)
                .name("order-monitor (SLA, stalls)").uid(UID);
        return new MonitorOutputs(findings, findings.getSideOutput(OrderMonitor.SLA_OUTCOMES));
    }
}
