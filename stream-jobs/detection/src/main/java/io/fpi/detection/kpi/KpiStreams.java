package io.fpi.detection.kpi;

import io.fpi.detection.kpi.records.KpiContribution;
import io.fpi.detection.kpi.records.KpiMinuteRow;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The KPI topology's outputs before any sink.
 *
 * @param minuteRows upserts for table kpi_minute
 * @param tooLate    contributions that arrived after their minute was closed for good (dropped)
 */
public record KpiStreams(DataStream<KpiMinuteRow> minuteRows, DataStream<KpiContribution> tooLate) {}
