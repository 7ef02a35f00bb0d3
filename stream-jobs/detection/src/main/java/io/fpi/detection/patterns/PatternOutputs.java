package io.fpi.detection.patterns;

import io.fpi.detection.patterns.records.WindowCount;
import io.fpi.schemas.Finding;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The outputs of exception-pattern detection, before any sink is attached.
 *
 * @param findings RECURRING_EXCEPTION, EXCEPTION_SPIKE and their RESOLVED findings, typed with
 *                 {@code FindingTypeInfo}; for table findings and topic fpi.findings
 * @param windows  closed-window counts, for table exception_windows
 */
public record PatternOutputs(DataStream<Finding> findings, DataStream<WindowCount> windows) {}
