package io.fpi.detection.sla;

import io.fpi.schemas.Finding;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * What {@link OrderMonitoring#attach} adds to a job, before any sink.
 *
 * @param findings SLA_BREACH, AT_RISK, STALL and RESOLVED findings (type info {@link io.fpi.detection.findings.FindingTypeInfo})
 * @param slaOutcomes one per order milestone that came due, met or missed, for the KPI operators
 */
public record MonitorOutputs(DataStream<Finding> findings, DataStream<SlaOutcome> slaOutcomes) {}
