package io.fpi.api.kpis;

import static io.fpi.api.Rows.longValue;
import static io.fpi.api.Rows.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.api.clickhouse.PartsWatcher;
import io.fpi.api.clickhouse.TimedClickHouse;
import io.fpi.api.metrics.ApiMetrics;
import io.fpi.runtime.clickhouse.SqlLiterals;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orders that are open now, held in memory so that {@code orders_open} of any window and filter is
 * a count over them instead of a read of every trace: traces are keyed by order, not by time, so
 * "open orders placed in the last 30 days" otherwise means reading the whole table under FINAL.
 *
 * <p>Loaded once from {@code traces FINAL}, then kept current from the parts ingestion writes
 * ({@link PartsWatcher}): a row with a higher version than the one held replaces it, and the order
 * leaves when its latest version is no longer open. The trace job writes an order's versions in
 * increasing order (and a replay after a restore writes the same versions again, in order), so a new
 * row never hides a newer one. Removed rows, or a merge too big to read, mean a reload. Past
 * {@code maxOrders} open orders the index gives up and every count goes to ClickHouse. Thread-safe.
 */
final class OpenOrders {
    private static final Logger LOG = LoggerFactory.getLogger(OpenOrders.class);
    /** New parts with more rows than this (a big merge) are cheaper to replace by a reload. */
    private static final long MAX_DELTA_ROWS = 200_000;

    private static final String COLUMNS = "dataset, order_id, version, status, placed_at_ms, channel, fulfillment_type, region, node_id";
    private static final String LOAD = "SELECT " + COLUMNS + " FROM traces FINAL WHERE status = 'open'";
    private static final String DELTA = "SELECT " + COLUMNS + " FROM traces WHERE %s";
    // %1$s counts per window, %2$s conditions
    private static final String COUNT = """
            SELECT %1$s
            FROM traces FINAL
            WHERE status = 'open'%2$s""";

    private record Order(long version, long placedAtMs, String channel, String fulfillmentType, String region,
                         String node) {
        boolean matches(KpiDimensions d) {
            return (d.channel() == null || d.channel().equals(channel))
                    && (d.fulfillmentType() == null || d.fulfillmentType().equals(fulfillmentType))
                    && (d.region() == null || d.region().equals(region))
                    && (d.node() == null || d.node().equals(node));
        }
    }

    private final TimedClickHouse clickHouse;
    private final PartsWatcher watcher;
    private final int maxOrders;
    /** dataset -> order id -> latest open version */
    private Map<String, Map<String, Order>> open = new HashMap<>();
    private boolean loaded;
    private boolean gaveUp;
    private long lastPollStart;
    private boolean polled;

    OpenOrders(TimedClickHouse clickHouse, int maxOrders, ApiMetrics metrics) {
        this.clickHouse = clickHouse;
        this.watcher = new PartsWatcher(clickHouse, "traces");
        this.maxOrders = maxOrders;
        metrics.gauge("open_orders_indexed", "open orders held by the orders_open index", this::size);
    }

    /** Open orders placed in each window (dataset null: all), as of requests started before {@code requestStartNanos}. */
    synchronized long[] count(List<TimeRange> windows, String dataset, KpiDimensions dims, long requestStartNanos) {
        refresh(requestStartNanos);
        if (gaveUp) {
            return countInClickHouse(windows, dataset, dims);
        }
        long[] out = new long[windows.size()];
        for (var byDataset : open.entrySet()) {
            if (dataset != null && !dataset.equals(byDataset.getKey())) {
                continue;
            }
            for (Order o : byDataset.getValue().values()) {
                if (!o.matches(dims)) {
                    continue;
                }
                for (int i = 0; i < out.length; i++) {
                    if (o.placedAtMs() >= windows.get(i).fromMs() && o.placedAtMs() < windows.get(i).toMs()) {
                        out[i]++;
                    }
                }
            }
        }
        return out;
    }

    synchronized long size() {
        return open.values().stream().mapToLong(Map::size).sum();
    }

    private void refresh(long requestStartNanos) {
        if (polled && lastPollStart - requestStartNanos > 0) {
            return;
        }
        lastPollStart = System.nanoTime();
        polled = true;
        PartsWatcher.Delta delta = watcher.poll(); // before any read: rows committed after it come in the next delta
        if (gaveUp) {
            return;
        }
        if (!loaded || delta.removedAny() || delta.newRows() > MAX_DELTA_ROWS) {
            reload();
        } else if (!delta.newParts().isEmpty()) {
            apply(clickHouse.query("kpis.open_orders.delta", DELTA.formatted(delta.partCondition())));
        }
    }

    private void reload() {
        open = new HashMap<>();
        loaded = true;
        apply(clickHouse.query("kpis.open_orders.load", LOAD));
    }

    private void apply(List<JsonNode> rows) {
        Map<String, Map<String, JsonNode>> latest = new HashMap<>();
        for (JsonNode r : rows) {
            latest.computeIfAbsent(text(r, "dataset"), d -> new HashMap<>())
                    .merge(text(r, "order_id"), r, (a, b) -> longValue(b, "version") > longValue(a, "version") ? b : a);
        }
        latest.forEach((dataset, orders) -> {
            Map<String, Order> held = open.computeIfAbsent(dataset, d -> new HashMap<>());
            orders.forEach((id, r) -> {
                Order current = held.get(id);
                long version = longValue(r, "version");
                if (current != null && current.version() >= version) {
                    return;
                }
                if ("open".equals(text(r, "status"))) {
                    held.put(id, new Order(version, longValue(r, "placed_at_ms"), text(r, "channel"),
                            text(r, "fulfillment_type"), text(r, "region"), text(r, "node_id")));
                } else {
                    held.remove(id);
                }
            });
            if (held.isEmpty()) {
                open.remove(dataset);
            }
        });
        if (size() > maxOrders) {
            LOG.warn("more than {} open orders: orders_open is counted in ClickHouse from now on", maxOrders);
            gaveUp = true;
            open = new HashMap<>();
        }
    }

    private long[] countInClickHouse(List<TimeRange> windows, String dataset, KpiDimensions dims) {
        StringBuilder counts = new StringBuilder();
        for (int i = 0; i < windows.size(); i++) {
            counts.append(i == 0 ? "" : ", ").append("countIf(placed_at_ms >= ").append(SqlLiterals.number(windows.get(i).fromMs()))
                    .append(" AND placed_at_ms < ").append(SqlLiterals.number(windows.get(i).toMs())).append(") AS w").append(i);
        }
        String conditions = (dataset == null ? "" : " AND dataset = " + SqlLiterals.string(dataset)) + dims.conditions();
        JsonNode r = clickHouse.queryOne("kpis.open_orders.count", COUNT.formatted(counts, conditions));
        long[] out = new long[windows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = r == null ? 0 : io.fpi.api.Rows.count(r, "w" + i);
        }
        return out;
    }
}
