package io.fpi.api.findings;

import static io.fpi.api.Rows.instant;
import static io.fpi.api.Rows.instantOrNull;
import static io.fpi.api.Rows.longOrNull;
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

/**
 * The findings feature's SQL. findings is a ReplacingMergeTree over deterministic ids (a replayed
 * finding rewrites its row), so reads say FINAL and filter in WHERE, after the collapse; conditions on key
 * columns (dataset, type), which every version shares, go to PREWHERE, where 18.16 uses them far better.
 */
public final class FindingsRepository {
    private static final String LIST = """
            SELECT finding_id, type, order_id, dataset, detected_at_ms, severity, resolves, policy_id, policy_version,
                   milestone, deadline_ms, stage, last_activity, idle_ms, node_id, region, channel, fulfillment_type,
                   source_system, error_code, trace_summary, message, evidence_keys, evidence_values
            FROM findings FINAL
            %s
            ORDER BY detected_at_ms DESC, finding_id DESC
            LIMIT %s""";

    private final TimedClickHouse clickHouse;

    public FindingsRepository(TimedClickHouse clickHouse) {
        this.clickHouse = clickHouse;
    }

    /** Up to limit + 1 findings after the cursor, newest first by detection time, ties by finding id descending. */
    public List<Finding> find(FindingFilter f) {
        List<String> key = new ArrayList<>();
        if (f.type() != null) {
            key.add("type = " + SqlLiterals.string(f.type().wireName()));
        }
        if (f.dataset() != null) {
            key.add("dataset = " + SqlLiterals.string(f.dataset()));
        }
        List<String> where = new ArrayList<>();
        if (f.orderId() != null) {
            where.add("order_id = " + SqlLiterals.string(f.orderId()));
        }
        if (f.from() != null) {
            where.add("detected_at_ms >= " + SqlLiterals.number(f.from().toEpochMilli()));
        }
        if (f.to() != null) {
            where.add("detected_at_ms < " + SqlLiterals.number(f.to().toEpochMilli()));
        }
        if (f.node() != null) {
            where.add("node_id = " + SqlLiterals.string(f.node()));
        }
        if (f.severity() != null) {
            where.add("severity = " + SqlLiterals.string(f.severity()));
        }
        FindingCursor c = f.after();
        if (c != null) {
            String d = SqlLiterals.number(c.detectedAtMs());
            where.add("(detected_at_ms < " + d + " OR (detected_at_ms = " + d + " AND finding_id < "
                    + SqlLiterals.string(c.findingId()) + "))");
        }
        String filter = (key.isEmpty() ? "" : "PREWHERE " + String.join(" AND ", key) + " ")
                + (where.isEmpty() ? "" : "WHERE " + String.join(" AND ", where));
        String sql = LIST.formatted(filter, SqlLiterals.number(f.limit() + 1L));
        return clickHouse.query("findings.page", sql).stream().map(FindingsRepository::finding).toList();
    }

    private static Finding finding(JsonNode r) {
        List<String> keys = texts(r, "evidence_keys");
        List<String> values = texts(r, "evidence_values");
        Map<String, String> evidence = new LinkedHashMap<>();
        for (int i = 0; i < keys.size() && i < values.size(); i++) {
            evidence.put(keys.get(i), values.get(i));
        }
        return new Finding(text(r, "finding_id"), text(r, "type"), textOrNull(r, "order_id"), text(r, "dataset"),
                instant(r, "detected_at_ms"), textOrNull(r, "severity"), textOrNull(r, "resolves"),
                textOrNull(r, "policy_id"), textOrNull(r, "policy_version"), textOrNull(r, "milestone"),
                instantOrNull(r, "deadline_ms"), textOrNull(r, "stage"), textOrNull(r, "last_activity"),
                longOrNull(r, "idle_ms"), textOrNull(r, "node_id"), textOrNull(r, "region"), textOrNull(r, "channel"),
                textOrNull(r, "fulfillment_type"), textOrNull(r, "source_system"), textOrNull(r, "error_code"),
                textOrNull(r, "trace_summary"), textOrNull(r, "message"), evidence);
    }
}
