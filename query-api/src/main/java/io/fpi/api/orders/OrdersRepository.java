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
import io.fpi.api.clickhouse.TimedClickHouse;
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
 * the versions (18.16 and 24.x alike); PREWHERE would filter first and resurrect stale versions,
 * except on the key columns (dataset, order_id), which every version of a trace shares.
 * Values reach the SQL only through {@link SqlLiterals}.
 *
 * <p>A page of orders is found in two steps, because traces are keyed by order, not by time, and
 * sorting every trace under FINAL to keep the newest 50 is what made the list slow: (1) without FINAL,
 * the keys and placement times of the n newest matching rows (a plain top-n sort of three columns);
 * (2) under FINAL, only those traces, found through the table key. A stale row can only add
 * candidates, never hide the latest version of a matching order, so step 2 is exact for every order
 * placed after the oldest candidate's time (which ties may cut, hence "after"); if stale rows crowded
 * the candidates so that fewer than a page remain, n grows and the steps repeat.
 */
public final class OrdersRepository {
    /** A trace longer than this is cut, and says so ({@code events_truncated}). */
    public static final int MAX_EVENTS = 10_000;
    /** Past this many candidate rows the two steps give way to one plain sort under FINAL. */
    private static final int MAX_CANDIDATES = 20_000;
    /** Candidate keys written into the SQL up to this many characters, a subquery beyond. */
    private static final int MAX_KEYS_SQL = 100_000;

    private static final String COLUMNS = """
            order_id, dataset, status, placed_at_ms, last_event_ms, channel, fulfillment_type, node_id,
            region, current_stage, last_activity, event_count, cycle_time_ms""";

    // %1$s conditions, %2$s n
    private static final String CANDIDATES = """
            SELECT dataset, order_id, placed_at_ms
            FROM traces
            WHERE %1$s
            ORDER BY placed_at_ms DESC
            LIMIT %2$s""";

    // %1$s columns, %2$s candidate keys, %3$s conditions, %4$s limit
    private static final String PAGE = """
            SELECT %1$s
            FROM traces FINAL
            PREWHERE (dataset, order_id) IN (%2$s)
            WHERE %3$s
            ORDER BY placed_at_ms DESC, order_id DESC, dataset
            LIMIT %4$s""";

    // %1$s columns, %2$s conditions, %3$s limit
    private static final String PLAIN_PAGE = """
            SELECT %1$s
            FROM traces FINAL
            WHERE %2$s
            ORDER BY placed_at_ms DESC, order_id DESC, dataset
            LIMIT %3$s""";
    // Without a dataset the same order id may exist in several; the most recently placed wins.
    // Lookups by key columns filter in PREWHERE: safe under FINAL (every version shares the key), and
    // on 18.16 a key condition in WHERE under FINAL cost 300-400 ms against 10-25 ms (benchmark data).
    private static final String TRACE = """
            SELECT dataset, order_id, status, placed_at_ms, last_event_ms, completed_at_ms, cycle_time_ms,
                   event_count, channel, fulfillment_type, node_id, region, promised_by_ms, units_ordered,
                   units_fulfilled, current_stage, last_activity, variant, toString(variant_hash) AS variant_hash_text,
                   activities, stage_names, stage_start_ms, stage_durations_ms,
                   handoff_from, handoff_to, handoff_latency_ms
            FROM traces FINAL
            PREWHERE %s
            ORDER BY placed_at_ms DESC, dataset
            LIMIT 1""";

    private static final String EVENTS = """
            SELECT event_id, activity, event_time_ms, ingest_time_ms, source_system, node_id, region,
                   error_code, error_reason, sequence, attr_keys, attr_values
            FROM events FINAL
            PREWHERE dataset = %s AND order_id = %s
            ORDER BY event_time_ms, sequence, event_id
            LIMIT %s""";

    private final TimedClickHouse clickHouse;

    public OrdersRepository(TimedClickHouse clickHouse) {
        this.clickHouse = clickHouse;
    }

    /**
     * Up to {@code limit + 1} orders after the filter's cursor, newest placed first (ties by order id
     * descending, then dataset): the extra row tells the caller that another page exists.
     */
    public List<OrderSummary> page(OrderFilter filter) {
        String conditions = conditions(filter);
        int want = filter.limit() + 1;
        // under ingestion the newest rows have several unmerged versions each: start with room for them
        for (int n = 4 * want + 64; n <= MAX_CANDIDATES; n *= 4) {
            List<JsonNode> candidates = clickHouse.query("orders.candidates", CANDIDATES.formatted(conditions,
                    SqlLiterals.number(n)));
            if (candidates.isEmpty()) {
                return List.of();
            }
            boolean all = candidates.size() < n;
            long oldest = longValue(candidates.get(candidates.size() - 1), "placed_at_ms");
            String exact = all ? conditions : conditions + " AND placed_at_ms > " + SqlLiterals.number(oldest);
            String keys = String.join(", ", candidates.stream().map(r -> "(" + SqlLiterals.string(text(r, "dataset")) + ", "
                    + SqlLiterals.string(text(r, "order_id")) + ")").distinct().toList());
            if (keys.length() > MAX_KEYS_SQL) {
                // ClickHouse parses at most max_query_size (256 kB by default): long lists go as a subquery
                keys = "SELECT dataset, order_id FROM traces WHERE " + exact;
            }
            List<OrderSummary> rows = clickHouse.query("orders.page", PAGE.formatted(COLUMNS, keys, exact,
                    SqlLiterals.number(want))).stream().map(OrdersRepository::summary).toList();
            if (all || rows.size() >= want) {
                return rows; // every candidate was read, or the page is full of exact rows
            }
        }
        return clickHouse.query("orders.page_plain", PLAIN_PAGE.formatted(COLUMNS, conditions, SqlLiterals.number(want)))
                .stream().map(OrdersRepository::summary).toList();
    }

    /** The filter as SQL; also true of stale versions, which is why PAGE repeats it after FINAL. */
    static String conditions(OrderFilter f) {
        List<String> where = new ArrayList<>();
        equal(where, "dataset", f.dataset());
        equal(where, "status", f.status() == null ? null : f.status().wireName());
        equal(where, "current_stage", f.stage());
        equal(where, "channel", f.channel());
        equal(where, "fulfillment_type", f.fulfillmentType());
        equal(where, "region", f.region());
        equal(where, "node_id", f.node());
        if (f.from() != null) {
            where.add("placed_at_ms >= " + SqlLiterals.number(f.from().toEpochMilli()));
        }
        if (f.to() != null) {
            where.add("placed_at_ms < " + SqlLiterals.number(f.to().toEpochMilli()));
        }
        OrderCursor c = f.after();
        if (c != null) {
            String p = SqlLiterals.number(c.placedAtMs());
            String o = SqlLiterals.string(c.orderId());
            where.add("(placed_at_ms < " + p + " OR (placed_at_ms = " + p + " AND (order_id < " + o
                    + " OR (order_id = " + o + " AND dataset > " + SqlLiterals.string(c.dataset()) + "))))");
        }
        return conjunction(where);
    }

    private static void equal(List<String> where, String column, String value) {
        if (value != null) {
            where.add(column + " = " + SqlLiterals.string(value));
        }
    }

    /** The order's trace with its events, or empty when no dataset has that order. */
    public Optional<OrderTrace> trace(String orderId, String dataset) {
        List<String> where = new ArrayList<>();
        where.add("order_id = " + SqlLiterals.string(orderId));
        if (dataset != null) {
            where.add("dataset = " + SqlLiterals.string(dataset));
        }
        JsonNode row = clickHouse.queryOne("orders.trace", TRACE.formatted(conjunction(where)));
        if (row == null) {
            return Optional.empty();
        }
        OrderTrace trace = trace(row);
        List<JsonNode> eventRows = clickHouse.query("orders.events", EVENTS.formatted(SqlLiterals.string(trace.dataset()),
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
