package io.fpi.api.kpis;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.api.clickhouse.PartsWatcher;
import io.fpi.api.clickhouse.TimedClickHouse;
import io.fpi.api.metrics.ApiMetrics;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sums of whole hours of kpi_minute, per filter (dataset, dimensions, grouping), kept between requests
 * so that a 30-day answer reads only the hours that changed since it was last asked: under ingestion,
 * the newest one or two. Exact, not time-based: every request first asks the {@link PartsWatcher}
 * which (dataset, hour) may have new rows and drops those hours (query-api/CACHE.md). An hour computed
 * from a query that started before a later poll dropped it is not stored.
 *
 * <p>Bounded by the number of stored totals (one per hour and group); the least recently used filters
 * go first. Thread-safe.
 */
final class KpiHourCache {
    private static final long HOUR_MS = 3_600_000L;
    private static final String HOURS = """
            SELECT dataset, groupUniqArray(intDiv(minute_ms, 3600000)) AS hours
            FROM kpi_minute
            WHERE %s
            GROUP BY dataset""";

    /** What a set of hour sums was computed for. */
    record Key(String dataset, KpiDimensions dims, GroupBy group) {
    }

    /**
     * One hour of a key: its sums per group, and/or its minutes' sums (minute start -> group -> sums),
     * kept for the hours at the edges of windows, which are only partly inside them.
     */
    private record Hour(Map<String, KpiTotals> whole, Map<Long, Map<String, KpiTotals>> minutes) {
        int weight() {
            int w = whole == null ? 0 : Math.max(1, whole.size());
            if (minutes != null) {
                w += Math.max(1, minutes.values().stream().mapToInt(Map::size).sum());
            }
            return w;
        }
    }

    private final PartsWatcher watcher;
    private final TimedClickHouse clickHouse;
    private final int maxTotals;
    private final LinkedHashMap<Key, Map<Long, Hour>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Map<Long, Long>> droppedByDataset = new HashMap<>();
    private final Map<Long, Long> droppedAnyDataset = new HashMap<>();
    private final Map<Long, Long> droppedEveryDataset = new HashMap<>();
    private long droppedEverythingAt;
    private long generation;
    private long lastPollStart;
    private boolean polled;
    private int size;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    KpiHourCache(TimedClickHouse clickHouse, int maxTotals, ApiMetrics metrics) {
        this.watcher = new PartsWatcher(clickHouse, "kpi_minute");
        this.clickHouse = clickHouse;
        this.maxTotals = maxTotals;
        metrics.gauge("kpi_cache_totals", "hour totals held by the KPI cache", this::size);
        metrics.gauge("kpi_cache_hour_hits_total", "hours answered from the KPI cache", hits::get);
        metrics.gauge("kpi_cache_hour_misses_total", "hours the KPI cache had to read from ClickHouse", misses::get);
    }

    /**
     * Drops what changed before {@code requestStartNanos} (unless a poll that started later already
     * did) and returns the generation entries computed from now on are stamped with.
     */
    synchronized long refresh(long requestStartNanos) {
        if (polled && lastPollStart - requestStartNanos > 0) {
            return generation;
        }
        lastPollStart = System.nanoTime();
        polled = true;
        PartsWatcher.Delta delta = watcher.poll();
        generation = delta.generation();
        if (delta.removedUnknown()) {
            droppedEverythingAt = generation;
            entries.clear();
            size = 0;
        }
        delta.removedHours().forEach(h -> drop(null, h, true));
        if (!delta.newParts().isEmpty()) {
            for (JsonNode r : clickHouse.query("kpis.changed_hours", HOURS.formatted(delta.partCondition()))) {
                String dataset = r.get("dataset").asText();
                r.get("hours").forEach(h -> drop(dataset, h.asLong() * HOUR_MS, false));
            }
        }
        return generation;
    }

    /** The cached hours among {@code hours}; absent ones must be read. */
    synchronized Map<Long, Map<String, KpiTotals>> get(Key key, Collection<Long> hours) {
        Map<Long, Hour> cached = entries.get(key);
        Map<Long, Map<String, KpiTotals>> out = new HashMap<>();
        if (cached != null) {
            for (Long h : hours) {
                Hour v = cached.get(h);
                if (v != null && v.whole() != null) {
                    out.put(h, v.whole());
                }
            }
        }
        hits.addAndGet(out.size());
        misses.addAndGet(hours.size() - out.size());
        return out;
    }

    /** The minutes of a cached hour (minute start -> group -> sums), or null. */
    synchronized Map<Long, Map<String, KpiTotals>> minutes(Key key, long hour) {
        Map<Long, Hour> cached = entries.get(key);
        Hour v = cached == null ? null : cached.get(hour);
        Map<Long, Map<String, KpiTotals>> out = v == null ? null : v.minutes();
        (out == null ? misses : hits).incrementAndGet();
        return out;
    }

    /** Stores whole hours read after the poll of {@code computedAt}, except those a later poll dropped. */
    synchronized void put(Key key, long computedAt, Map<Long, Map<String, KpiTotals>> hours) {
        hours.forEach((h, v) -> store(key, computedAt, h, Map.copyOf(v), null));
        evict();
    }

    /** Stores the minutes of hours (hour -> minute -> group -> sums), as {@link #put} does whole hours. */
    synchronized void putMinutes(Key key, long computedAt, Map<Long, Map<Long, Map<String, KpiTotals>>> hours) {
        hours.forEach((h, v) -> store(key, computedAt, h, null, Map.copyOf(v)));
        evict();
    }

    private void store(Key key, long computedAt, long hour, Map<String, KpiTotals> whole,
                       Map<Long, Map<String, KpiTotals>> minutes) {
        if (droppedAfter(key.dataset(), hour, computedAt)) {
            return;
        }
        Map<Long, Hour> target = entries.computeIfAbsent(key, k -> new HashMap<>());
        Hour old = target.get(hour);
        Hour now = new Hour(whole != null ? whole : old == null ? null : old.whole(),
                minutes != null ? minutes : old == null ? null : old.minutes());
        target.put(hour, now);
        size += now.weight() - (old == null ? 0 : old.weight());
    }

    synchronized long size() {
        return size;
    }

    private boolean droppedAfter(String dataset, long hour, long computedAt) {
        long last = droppedEverythingAt;
        last = Math.max(last, droppedEveryDataset.getOrDefault(hour, 0L));
        Map<Long, Long> dropped = dataset == null ? droppedAnyDataset : droppedByDataset.getOrDefault(dataset, Map.of());
        last = Math.max(last, dropped.getOrDefault(hour, 0L));
        return last > computedAt;
    }

    /** @param dataset null with {@code everyDataset}: rows of every dataset were removed */
    private void drop(String dataset, long hour, boolean everyDataset) {
        if (everyDataset) {
            droppedEveryDataset.put(hour, generation);
        } else {
            droppedByDataset.computeIfAbsent(dataset, d -> new HashMap<>()).put(hour, generation);
            droppedAnyDataset.put(hour, generation);
        }
        for (var e : entries.entrySet()) {
            String keyDataset = e.getKey().dataset();
            if (everyDataset || keyDataset == null || keyDataset.equals(dataset)) {
                Hour old = e.getValue().remove(hour);
                if (old != null) {
                    size -= old.weight();
                }
            }
        }
    }

    /** An hour or minute set without rows still takes a slot, or empty hours would be read again and again. */
    private void evict() {
        Iterator<Map.Entry<Key, Map<Long, Hour>>> it = entries.entrySet().iterator();
        while (size > maxTotals && it.hasNext()) {
            for (Hour v : it.next().getValue().values()) {
                size -= v.weight();
            }
            it.remove();
        }
    }
}
