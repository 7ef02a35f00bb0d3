package io.fpi.api.orders;

import static io.fpi.api.Rows.instant;
import static io.fpi.api.Rows.instantOrNull;
import static io.fpi.api.Rows.longOrNull;
import static io.fpi.api.Rows.longValue;
import static io.fpi.api.Rows.longs;
import static io.fpi.api.Rows.text;
import static io.fpi.api.Rows.textOrNull;
import static io.fpi.api.Rows.texts;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.SqlLiterals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The orders feature's SQL, all of it. Both tables are ReplacingMergeTree, so every read says
 * FINAL: without it a trace that has been rewritten shows up once per unmerged version. Filters
 * on non-key columns (status) stay in WHERE, which ClickHouse evaluates after FINAL has collapsed
 * the versions (18.16 and 24.x alike); PREWHERE would filter first and resurrect stale versions.
 * Values reach the SQL only through {@link SqlLiterals}.
 */
public final class OrdersRepository {
    /** A trace longer than this is cut, and says so ({@code events_truncated}). */
    public static final int MAX_EVENTS = 10_000;

    private static final String RECENT = """
            SELECT order_id, dataset, status, placed_at_ms, last_event_ms, channel, fulfillment_type, node_id,
                   region, current_stage, last_activity, event_count, cycle_time_ms
            FROM traces FINAL
            WHERE %s
            ORDER BY placed_at_ms DESC, order_id DESC, dataset
            LIMIT %s""";

    // Without a dataset the same order id may exist in several; the most recently placed wins.
    private static final String TRACE = """
            SELECT dataset, order_id, status, placed_at_ms, last_event_ms, completed_at_ms, cycle_time_ms,
                   event_count, channel, fulfillment_type, node_id, region, promised_by_ms, units_ordered,
                   units_fulfilled, current_stage, last_activity, variant, toString(variant_hash) AS variant_hash_text,
                   activities, stage_names, stage_start_ms, stage_durations_ms,
                   handoff_from, handoff_to, handoff_latency_ms
            FROM traces FINAL
            WHERE %s
            ORDER BY placed_at_ms DESC, dataset
            LIMIT 1""";

    private static final String EVENTS = """
            SELECT event_id, activity, event_time_ms, ingest_time_ms, source_system, node_id, region,
                   error_code, error_reason, sequence, attr_keys, attr_values
            FROM events FINAL
            WHERE dataset = %s AND order_id = %s
            ORDER BY event_time_ms, sequence, event_id
            LIMIT %s""";

    private final ClickHouseClient clickHouse;

    public OrdersRepository(ClickHouseClient clickHouse) {
        this.clickHouse = clickHouse;
    }

    /** Newest first by placement time. */
    public List<OrderSummary> recent(OrderFilter filter) {
        List<String> where = new ArrayList<>();
        if (filter.dataset() != null) {
            where.add("dataset = " + SqlLiterals.string(filter.dataset()));
        }
        if (filter.status() != null) {
            where.add("status = " + SqlLiterals.string(filter.status().wireName()));
        }
        String sql = RECENT.formatted(conjunction(where), SqlLiterals.number(filter.limit()));
        return clickHouse.query(sql).stream().map(OrdersRepository::summary).toList();
    }

    /** The order's trace with its events, or empty when no dataset has that order. */
    public Optional<OrderTrace> trace(String orderId, String dataset) {
        List<String> where = new ArrayList<>();
        where.add("order_id = " + SqlLiterals.string(orderId));
        if (dataset != null) {
            where.add("dataset = " + SqlLiterals.string(dataset));
        }
        JsonNode row = clickHouse.queryOne(TRACE.formatted(conjunction(where)));
        if (row == null) {
            return Optional.empty();
        }
        OrderTrace trace = trace(row);
        List<JsonNode> eventRows = clickHouse.query(EVENTS.formatted(SqlLiterals.string(trace.dataset()),
                SqlLiterals.string(orderId), SqlLiterals.number(MAX_EVENTS + 1)));
        boolean truncated = eventRows.size() > MAX_EVENTS;
        List<OrderTrace.Event> events = eventRows.stream().limit(MAX_EVENTS).map(OrdersRepository::event).toList();
        return Optional.of(trace.withEvents(events, truncated));
    }

    private static String conjunction(List<String> conditions) {
        return conditions.isEmpty() ? "1" : String.join(" AND ", conditions);
    }

    private static OrderSummary summary(JsonNode r) {
        return new OrderSummary(text(r, "order_id"), text(r, "dataset"), text(r, "status"),
                instant(r, "placed_at_ms"), instant(r, "last_event_ms"), text(r, "channel"),
                text(r, "fulfillment_type"), text(r, "node_id"), text(r, "region"), text(r, "current_stage"),
                text(r, "last_activity"), longValue(r, "event_count"), longOrNull(r, "cycle_time_ms"));
    }

    private static OrderTrace trace(JsonNode r) {
        return new OrderTrace(text(r, "order_id"), text(r, "dataset"), text(r, "status"),
                instant(r, "placed_at_ms"), instantOrNull(r, "completed_at_ms"), instant(r, "last_event_ms"),
                instantOrNull(r, "promised_by_ms"), longOrNull(r, "cycle_time_ms"), longValue(r, "event_count"),
                text(r, "channel"), text(r, "fulfillment_type"), text(r, "node_id"), text(r, "region"),
                longOrNull(r, "units_ordered"), longOrNull(r, "units_fulfilled"), text(r, "current_stage"),
                text(r, "last_activity"), text(r, "variant"), text(r, "variant_hash_text"), texts(r, "activities"),
                List.of(), false, stages(r), handoffs(r));
    }

    private static List<OrderTrace.Stage> stages(JsonNode r) {
        List<String> names = texts(r, "stage_names");
        List<Long> starts = longs(r, "stage_start_ms");
        List<Long> durations = longs(r, "stage_durations_ms");
        List<OrderTrace.Stage> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Long start = i < starts.size() ? starts.get(i) : null;
            out.add(OrderTrace.Stage.of(names.get(i), start == null ? null : Instant.ofEpochMilli(start),
                    i < durations.size() ? durations.get(i) : null));
        }
        return out;
    }

    private static List<OrderTrace.Handoff> handoffs(JsonNode r) {
        List<String> from = texts(r, "handoff_from");
        List<String> to = texts(r, "handoff_to");
        List<Long> latency = longs(r, "handoff_latency_ms");
        List<OrderTrace.Handoff> out = new ArrayList<>();
        for (int i = 0; i < from.size(); i++) {
            out.add(new OrderTrace.Handoff(from.get(i), i < to.size() ? to.get(i) : null,
                    i < latency.size() ? latency.get(i) : null));
        }
        return out;
    }

    private static OrderTrace.Event event(JsonNode r) {
        List<String> keys = texts(r, "attr_keys");
        List<String> values = texts(r, "attr_values");
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < keys.size() && i < values.size(); i++) {
            attributes.put(keys.get(i), values.get(i));
        }
        return new OrderTrace.Event(text(r, "event_id"), text(r, "activity"), instant(r, "event_time_ms"),
                instant(r, "ingest_time_ms"), text(r, "source_system"), textOrNull(r, "node_id"),
                textOrNull(r, "region"), textOrNull(r, "error_code"), textOrNull(r, "error_reason"),
                longValue(r, "sequence"), attributes);
    }
}
