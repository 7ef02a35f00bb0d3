package io.fpi.detection.job;

import io.fpi.detection.patterns.records.WindowCount;
import io.fpi.detection.sla.SlaOutcome;
import io.fpi.schemas.Finding;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * What the detectors produce, before sinks.
 *
 * @param findings       every detector's findings, one stream
 * @param slaOutcomes    SLA milestones that came due (met or missed), for the KPIs; null when no SLA monitor runs
 * @param patternWindows exception pattern window counts, for table exception_windows
 */
public record Detections(DataStream<Finding> findings, DataStream<SlaOutcome> slaOutcomes,
                         DataStream<WindowCount> patternWindows) {}
