package io.fpi.api.exceptions;

import static io.fpi.api.Rows.longValue;
import static io.fpi.api.Rows.text;
import static io.fpi.api.Rows.textOrNull;
import static io.fpi.api.Rows.texts;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.api.clickhouse.TimedClickHouse;
import io.fpi.runtime.clickhouse.SqlLiterals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The trend query of stream-jobs/detection/PATTERNS.md over {@code exception_windows FINAL}, plus each
 * pattern's latest baseline and episode ids. Conditions on the key columns (dataset, scope,
 * window_start_ms) and on the pattern's own columns, which every version of a row shares.
 */
public final class PatternsRepository {
    /** One pattern's summary and its windows with rows; trends are filled with zeros by the service. */
    public record Row(ExceptionPatterns.Pattern pattern, Map<Long, Long> counts) {
    }

    // %1$s conditions, %2$s limit
    private static final String PATTERNS = """
            SELECT scope, pattern_key, activity, error_code, source_system, node_id, region, channel, attr_keys,
                   attr_values, window_ms,
                   arraySort(groupArray((window_start_ms, event_count))) AS trend,
                   sum(event_count) AS events, countIf(event_count > 0) AS windows_with_events,
                   max(spike) AS spiking,
                   argMax(baseline_mean_milli, window_start_ms) AS baseline_milli,
                   argMax(threshold_milli, window_start_ms) AS threshold_milli_latest,
                   argMaxIf(spike_finding_id, window_start_ms, spike_finding_id != '') AS spike_id,
                   argMaxIf(recurring_finding_id, window_start_ms, recurring_finding_id != '') AS recurring_id
            FROM exception_windows FINAL
            WHERE %1$s
            GROUP BY scope, pattern_key, activity, error_code, source_system, node_id, region, channel, attr_keys,
                     attr_values, window_ms
            ORDER BY events DESC, scope, pattern_key
            LIMIT %2$s""";

    private static final String COUNT = """
            SELECT count() AS patterns FROM (
                SELECT DISTINCT scope, pattern_key, window_ms FROM exception_windows FINAL WHERE %s)""";

    private final TimedClickHouse clickHouse;

    public PatternsRepository(TimedClickHouse clickHouse) {
        this.clickHouse = clickHouse;
    }

    public List<Row> top(PatternQuery q) {
        String sql = PATTERNS.formatted(conditions(q), SqlLiterals.number(q.limit()));
        List<Row> out = new ArrayList<>();
        for (JsonNode r : clickHouse.query("exceptions.patterns", sql)) {
            Map<String, String> attributes = new LinkedHashMap<>();
            List<String> keys = texts(r, "attr_keys");
            List<String> values = texts(r, "attr_values");
            for (int i = 0; i < keys.size() && i < values.size(); i++) {
                attributes.put(keys.get(i), values.get(i));
            }
            Map<Long, Long> counts = new TreeMap<>();
            r.get("trend").forEach(p -> counts.merge(p.get(0).asLong(), p.get(1).asLong(), Long::sum));
            var pattern = new ExceptionPatterns.Pattern(text(r, "scope"), text(r, "pattern_key"), text(r, "activity"),
                    textOrNull(r, "error_code"), textOrNull(r, "source_system"), textOrNull(r, "node_id"),
                    textOrNull(r, "region"), textOrNull(r, "channel"), attributes, longValue(r, "window_ms"),
                    longValue(r, "events"), (int) longValue(r, "windows_with_events"), longValue(r, "spiking") > 0,
                    longValue(r, "baseline_milli") / 1000.0, longValue(r, "threshold_milli_latest") / 1000.0,
                    textOrNull(r, "spike_id"), textOrNull(r, "recurring_id"), List.of());
            out.add(new Row(pattern, counts));
        }
        return out;
    }

    public int count(PatternQuery q) {
        JsonNode r = clickHouse.queryOne("exceptions.pattern_count", COUNT.formatted(conditions(q)));
        return r == null ? 0 : (int) longValue(r, "patterns");
    }

    static String conditions(PatternQuery q) {
        StringBuilder sb = new StringBuilder("window_start_ms >= ").append(SqlLiterals.number(q.from().toEpochMilli()))
                .append(" AND window_start_ms < ").append(SqlLiterals.number(q.to().toEpochMilli()));
        equal(sb, "dataset", q.dataset());
        equal(sb, "scope", q.scope() == null ? null : q.scope().wireName());
        equal(sb, "error_code", q.errorCode());
        equal(sb, "source_system", q.sourceSystem());
        equal(sb, "node_id", q.node());
        equal(sb, "region", q.region());
        equal(sb, "channel", q.channel());
        return sb.toString();
    }

    private static void equal(StringBuilder sb, String column, String value) {
        if (value != null) {
            sb.append(" AND ").append(column).append(" = ").append(SqlLiterals.string(value));
        }
    }
}
