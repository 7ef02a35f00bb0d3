package io.fpi.detection.patterns.records;

import io.fpi.jobs.common.JsonRowWriter;
import io.fpi.jobs.common.RowEncoder;

/**
 * A {@link WindowCount} as a JSONEachRow line of table {@code exception_windows}
 * (infra/clickhouse/004_exception_windows.up.sql). Baseline figures are written in thousandths as
 * Int64 (the table exposes Float64 ALIAS columns), because JSON numbers with a fraction are not
 * something our row writer emits and rounding here keeps replayed rows byte-identical.
 */
public final class WindowCountRowEncoder implements RowEncoder<WindowCount> {
    private static final long serialVersionUID = 1L;

    public static final String TABLE = "exception_windows";

    @Override
    public void encode(WindowCount w, JsonRowWriter out) {
        out.beginRow()
                .string("dataset", w.dataset)
                .string("scope", w.scope)
                .string("pattern_key", w.patternKey)
                .string("activity", w.activity)
                .string("error_code", w.errorCode)
                .string("source_system", w.sourceSystem)
                .string("node_id", w.nodeId)
                .string("region", w.region)
                .string("channel", w.channel)
                .stringArray("attr_keys", w.attrKeys == null ? new String[0] : w.attrKeys)
                .stringArray("attr_values", w.attrValues == null ? new String[0] : w.attrValues)
                .int64("window_start_ms", w.windowStartMs)
                .int64("window_ms", w.windowMs)
                .utcDate("window_date", w.windowStartMs)
                .int64("event_count", w.eventCount)
                .int64("baseline_mean_milli", milli(w.baselineMean))
                .int64("baseline_sigma_milli", milli(w.baselineSigma))
                .int64("threshold_milli", milli(w.threshold))
                .int64("active_windows", w.activeWindows)
                .int64("spike", w.spike ? 1 : 0)
                .string("spike_finding_id", w.spikeFindingId)
                .string("recurring_finding_id", w.recurringFindingId)
                .stringArray("sample_orders", w.sampleOrders == null ? new String[0] : w.sampleOrders)
                .endRow();
    }

    static long milli(double v) {
        return Math.round(v * 1000.0);
    }
}
