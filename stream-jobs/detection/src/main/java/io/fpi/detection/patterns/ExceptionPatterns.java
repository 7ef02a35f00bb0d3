package io.fpi.detection.patterns;

import io.fpi.detection.findings.FindingTypeInfo;
import io.fpi.detection.patterns.functions.PatternDetector;
import io.fpi.detection.patterns.functions.PatternHits;
import io.fpi.detection.patterns.records.PatternHit;
import io.fpi.detection.patterns.records.WindowCount;
import io.fpi.detection.patterns.records.WindowCountRowEncoder;
import io.fpi.jobs.common.ClickHouseSink;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import io.fpi.schemas.Finding;
import io.fpi.schemas.FulfillmentEvent;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Recurring exception patterns, as operators to compose into a job (PATTERNS.md):
 *
 * <pre>
 *   events ─filter exception-like─> keyBy(dataset) ─PatternHits─> keyBy(dataset, scope, pattern key)
 *          ─PatternDetector─> findings  (+ side output: window rows)
 * </pre>
 *
 * <p>Input is the de-duplicated event stream with event-time timestamps and watermarks (the trace
 * job's {@code TraceOutputs.events()}). Operator uids: {@value #FILTER_UID}, {@value #HITS_UID},
 * {@value #DETECTOR_UID}, and {@value #WINDOWS_SINK_UID} for the sink of {@link #writeWindows}.
 */
public final class ExceptionPatterns {
    public static final String FILTER_UID = "exception-pattern-filter";
    public static final String HITS_UID = "exception-pattern-hits";
    public static final String DETECTOR_UID = "exception-pattern-detector";
    public static final String WINDOWS_SINK_UID = "clickhouse-exception-windows";

    private ExceptionPatterns() {}

    /** Adds the detection operators behind {@code events}. */
    public static PatternOutputs attach(DataStream<FulfillmentEvent> events, PatternConfig config) {
        SingleOutputStreamOperator<PatternHit> hits = events
                .filter(new ExceptionLike(config))
                .name(FILTER_UID).uid(FILTER_UID)
                .keyBy(new DatasetKey())
                .process(new PatternHits(config))
                .name(HITS_UID).uid(HITS_UID);
        SingleOutputStreamOperator<Finding> findings = hits
                .keyBy(new PatternKey())
                .process(new PatternDetector(config), FindingTypeInfo.INSTANCE)
                .name(DETECTOR_UID).uid(DETECTOR_UID);
        return new PatternOutputs(findings, findings.getSideOutput(PatternDetector.WINDOWS));
    }

    /** Window rows into table exception_windows (ReplacingMergeTree: replays after a restore collapse). */
    public static DataStreamSink<WindowCount> writeWindows(DataStream<WindowCount> windows, ClickHouseEndpoint clickhouse,
                                                          ClickHouseSink.Settings settings) {
        return windows
                .sinkTo(new ClickHouseSink<>(clickhouse, WindowCountRowEncoder.TABLE, new WindowCountRowEncoder(), settings))
                .name(WINDOWS_SINK_UID).uid(WINDOWS_SINK_UID);
    }

    /** Keeps exception-like events only, before the shuffle: they are a few percent of the stream. */
    static final class ExceptionLike implements FilterFunction<FulfillmentEvent> {
        private static final long serialVersionUID = 1L;
        private final PatternConfig config;

        ExceptionLike(PatternConfig config) {
            this.config = config;
        }

        @Override
        public boolean filter(FulfillmentEvent e) {
            return PatternKeys.counts(e, config);
        }
    }

    static final class DatasetKey implements KeySelector<FulfillmentEvent, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(FulfillmentEvent e) {
            return e.getDataset();
        }
    }

    /** Public so tests and other jobs can key hits the same way. */
    public static final class PatternKey implements KeySelector<PatternHit, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(PatternHit h) {
            return h.key;
        }
    }
}
