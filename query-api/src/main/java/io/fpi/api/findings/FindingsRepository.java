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
 * finding rewrites its row), so reads say FINAL and filter in WHERE, after the collapse. A page is
 * found in two steps, as the order list is (see OrdersRepository): findings are keyed by (dataset,
 * type, finding_id), not by time, so the detection time of the n-th newest matching row comes first,
 * from one column without FINAL, and only the findings detected at or after it are read under FINAL,
 * through their keys, which every version shares and which may therefore filter in PREWHERE.
 */
public final class FindingsRepository {
    private static final String COLUMNS = """
            finding_id, type, order_id, dataset, detected_at_ms, severity, resolves, policy_id, policy_version,
            milestone, deadline_ms, stage, last_activity, idle_ms, node_id, region, channel, fulfillment_type,
            source_system, error_code, trace_summary, message, evidence_keys, evidence_values""";
    private static final int MAX_CANDIDATES = 100_000;

    // %1$s conditions, %2$s n - 1
    private static final String THRESHOLD = """
            SELECT detected_at_ms
            FROM findings
            WHERE %1$s
            ORDER BY detected_at_ms DESC
            LIMIT 1 OFFSET %2$s""";

    // %1$s columns, %2$s conditions with the threshold, %3$s limit
    private static final String PAGE = """
            SELECT %1$s
            FROM findings FINAL
            PREWHERE (dataset, type, finding_id) IN (SELECT dataset, type, finding_id FROM findings WHERE %2$s)
            WHERE %2$s
            ORDER BY detected_at_ms DESC, finding_id DESC
            LIMIT %3$s""";

    private static final String PLAIN_PAGE = """
            SELECT %1$s
            FROM findings FINAL
            WHERE %2$s
            ORDER BY detected_at_ms DESC, finding_id DESC
            LIMIT %3$s""";

    private final TimedClickHouse clickHouse;

    public FindingsRepository(TimedClickHouse clickHouse) {
        this.clickHouse = clickHouse;
    }

    /** Up to limit + 1 findings after the cursor, newest first by detection time, ties by finding id descending. */
    public List<Finding> find(FindingFilter f) {
        String conditions = conditions(f);
        int want = f.limit() + 1;
        // under ingestion the newest rows have several unmerged versions each: start with room for them
        for (int n = 4 * want + 64; n <= MAX_CANDIDATES; n *= 4) {
            JsonNode t = clickHouse.queryOne("findings.threshold", THRESHOLD.formatted(conditions, SqlLiterals.number(n - 1)));
            String bounded = t == null ? conditions
                    : conditions + " AND detected_at_ms >= " + SqlLiterals.number(t.get("detected_at_ms").asLong());
            List<Finding> rows = clickHouse.query("findings.page", PAGE.formatted(COLUMNS, bounded, SqlLiterals.number(want)))
                    .stream().map(FindingsRepository::finding).toList();
            if (t == null || rows.size() >= want) {
                return rows;
            }
        }
        return clickHouse.query("findings.page_plain", PLAIN_PAGE.formatted(COLUMNS, conditions, SqlLiterals.number(want)))
                .stream().map(FindingsRepository::finding).toList();
    }

    static String conditions(FindingFilter f) {
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
        if (f.node() != null) {
            where.add("node_id = " + SqlLiterals.string(f.node()));
        }
        if (f.channel() != null) {
            where.add("channel = " + SqlLiterals.string(f.channel()));
        }
        if (f.fulfillmentType() != null) {
            where.add("fulfillment_type = " + SqlLiterals.string(f.fulfillmentType()));
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
        return where.isEmpty() ? "1" : String.join(" AND ", where);
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
