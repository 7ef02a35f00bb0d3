package io.fpi.api.kpis;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.api.clickhouse.PartsWatcher;
import io.fpi.api.clickhouse.TimedClickHouse;
import io.fpi.api.metrics.ApiMetrics;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sums of kpi_minute per filter (dataset, dimensions, grouping) and UTC hour, kept between requests so
 * that a 30-day answer reads only what changed since it was last asked. An hour is kept whole, and for
 * the hours at the edges of windows also minute by minute. Exact, not time-based: every request first
 * asks the {@link PartsWatcher} which (dataset, minute) may have new rows and drops those minutes and
 * their hours' sums (query-api/CACHE.md); under ingestion that is the newest minute or two. A value read
 * by a query that started before a later poll dropped part of its hour is not stored.
 *
 * <p>Bounded by the number of stored totals (one per hour or minute and group); the least recently used
 * filters go first. Thread-safe.
 */
final class KpiHourCache {
    private static final long HOUR_MS = 3_600_000L;
    private static final long MINUTE_MS = 60_000L;
    private static final String MINUTES = """
            SELECT dataset, groupUniqArray(intDiv(minute_ms, 60000)) AS minutes
            FROM kpi_minute
            WHERE %s
            GROUP BY dataset""";

    /** What a set of sums was computed for. */
    record Key(String dataset, KpiDimensions dims, GroupBy group) {
    }

    /** One hour of a key: its sums per group (null when unknown) and the minutes known (minute start -> group -> sums). */
    private static final class Hour {
        Map<String, KpiTotals> whole;
        final Map<Long, Map<String, KpiTotals>> minutes = new HashMap<>();

        int weight() {
            int w = whole == null ? 0 : Math.max(1, whole.size());
            for (Map<String, KpiTotals> m : minutes.values()) {
                w += Math.max(1, m.size()); // a minute or hour without rows takes a slot too, or it would be read again
            }
            return w;
        }
    }

    private final PartsWatcher watcher;
    private final TimedClickHouse clickHouse;
    private final int maxTotals;
    private final LinkedHashMap<Key, Map<Long, Hour>> entries = new LinkedHashMap<>(16, 0.75f, true);
    /** Generation of the last drop per (dataset, hour), per hour for any dataset, per hour for every dataset. */
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
        metrics.gauge("kpi_cache_totals", "hour and minute totals held by the KPI cache", this::size);
        metrics.gauge("kpi_cache_hour_hits_total", "hours and minutes answered from the KPI cache", hits::get);
        metrics.gauge("kpi_cache_hour_misses_total", "hours and minutes the KPI cache had to read from ClickHouse", misses::get);
    }

    /**
     * Drops what changed before {@code requestStartNanos} (unless a poll that started later already
     * did) and returns the generation values read from now on are stamped with.
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
        delta.removedHours().forEach(h -> drop(null, h, null));
        if (!delta.newParts().isEmpty()) {
            for (JsonNode r : clickHouse.query("kpis.changed_minutes", MINUTES.formatted(delta.partCondition()))) {
                Map<Long, Set<Long>> byHour = new HashMap<>();
                r.get("minutes").forEach(m -> {
                    long minute = m.asLong() * MINUTE_MS;
                    byHour.computeIfAbsent(minute - minute % HOUR_MS, h -> new HashSet<>()).add(minute);
                });
                byHour.forEach((hour, minutes) -> drop(r.get("dataset").asText(), hour, minutes));
            }
        }
        return generation;
    }

    /** The whole hours cached among {@code hours}; absent ones must be read. */
    synchronized Map<Long, Map<String, KpiTotals>> get(Key key, Collection<Long> hours) {
        Map<Long, Hour> cached = entries.get(key);
        Map<Long, Map<String, KpiTotals>> out = new HashMap<>();
        if (cached != null) {
            for (Long h : hours) {
                Hour v = cached.get(h);
                if (v != null && v.whole != null) {
                    out.put(h, v.whole);
                }
            }
        }
        hits.addAndGet(out.size());
        misses.addAndGet(hours.size() - out.size());
        return out;
    }

    /** The minutes of an hour known to the cache (minute start -> group -> sums); missing minutes must be read. */
    synchronized Map<Long, Map<String, KpiTotals>> minutes(Key key, long hour) {
        Map<Long, Hour> cached = entries.get(key);
        Hour v = cached == null ? null : cached.get(hour);
        return v == null ? Map.of() : Map.copyOf(v.minutes);
    }

    synchronized void countMinutes(int hit, int missed) {
        hits.addAndGet(hit);
        misses.addAndGet(missed);
    }

    /** Stores whole hours read after the poll of {@code computedAt}, except those a later poll dropped. */
    synchronized void put(Key key, long computedAt, Map<Long, Map<String, KpiTotals>> hours) {
        hours.forEach((h, v) -> store(key, computedAt, h, hour -> hour.whole = Map.copyOf(v)));
        evict();
    }

    /** Stores minutes (hour -> minute -> group -> sums; a minute without rows as an empty map), as {@link #put} does hours. */
    synchronized void putMinutes(Key key, long computedAt, Map<Long, Map<Long, Map<String, KpiTotals>>> hours) {
        hours.forEach((h, minutes) -> store(key, computedAt, h, hour -> minutes.forEach((m, v) -> hour.minutes.put(m, Map.copyOf(v)))));
        evict();
    }

    private void store(Key key, long computedAt, long hour, java.util.function.Consumer<Hour> change) {
        if (droppedAfter(key.dataset(), hour, computedAt)) {
            return;
        }
        Hour h = entries.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(hour, k -> new Hour());
        size -= h.weight();
        change.accept(h);
        size += h.weight();
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

    /**
     * Forgets the hour's sums and the given minutes of it (null: all its minutes), for the keys of that
     * dataset and of every dataset; dataset null: for every key.
     */
    private void drop(String dataset, long hour, Set<Long> minutes) {
        if (dataset == null) {
            droppedEveryDataset.put(hour, generation);
        } else {
            droppedByDataset.computeIfAbsent(dataset, d -> new HashMap<>()).put(hour, generation);
            droppedAnyDataset.put(hour, generation);
        }
        for (var e : entries.entrySet()) {
            String keyDataset = e.getKey().dataset();
            Hour h = dataset == null || keyDataset == null || keyDataset.equals(dataset) ? e.getValue().get(hour) : null;
            if (h == null) {
                continue;
            }
            size -= h.weight();
            h.whole = null;
            if (minutes == null) {
                h.minutes.clear();
            } else {
                h.minutes.keySet().removeAll(minutes);
            }
            size += h.weight();
        }
    }

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
