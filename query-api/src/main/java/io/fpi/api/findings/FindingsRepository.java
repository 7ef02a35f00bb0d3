package io.fpi.api.findings;

import static io.fpi.api.Rows.instant;
import static io.fpi.api.Rows.instantOrNull;
import static io.fpi.api.Rows.longOrNull;
import static io.fpi.api.Rows.text;
import static io.fpi.api.Rows.textOrNull;
import static io.fpi.api.Rows.texts;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.SqlLiterals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings feature's SQL. findings is a ReplacingMergeTree over deterministic ids (a replayed
 * finding rewrites its row), so reads say FINAL and filter in WHERE, after the collapse.
 */
public final class FindingsRepository {
    private static final String LIST = """
            SELECT finding_id, type, order_id, dataset, detected_at_ms, severity, resolves, policy_id, policy_version,
                   milestone, deadline_ms, stage, last_activity, idle_ms, node_id, region, channel, fulfillment_type,
                   source_system, error_code, trace_summary, message, evidence_keys, evidence_values
            FROM findings FINAL
            WHERE %s
            ORDER BY detected_at_ms DESC, finding_id DESC
            LIMIT %s""";

    private final ClickHouseClient clickHouse;

    public FindingsRepository(ClickHouseClient clickHouse) {
        this.clickHouse = clickHouse;
    }

    /** Newest first by detection time; ties by finding id, so pages are stable. */
    public List<Finding> find(FindingFilter f) {
        List<String> where = new ArrayList<>();
        if (f.type() != null) {
            where.add("type = " + SqlLiterals.string(f.type().wireName()));
        }
        if (f.dataset() != null) {
            where.add("dataset = " + SqlLiterals.string(f.dataset()));
        }
        if (f.orderId() != null) {
            where.add("order_id = " + SqlLiterals.string(f.orderId()));
        }
        if (f.from() != null) {
            where.add("detected_at_ms >= " + SqlLiterals.number(f.from().toEpochMilli()));
        }
        if (f.to() != null) {
            where.add("detected_at_ms < " + SqlLiterals.number(f.to().toEpochMilli()));
        }
        String sql = LIST.formatted(where.isEmpty() ? "1" : String.join(" AND ", where), SqlLiterals.number(f.limit()));
        return clickHouse.query(sql).stream().map(FindingsRepository::finding).toList();
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
