package io.fpi.api.kpis;

import io.fpi.api.clickhouse.TimedClickHouse;
import io.fpi.api.metrics.ApiMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * kpi_minute sums over windows and buckets. A window [from, to) is cut into whole UTC hours and the
 * partial hours at its edges; whole hours come from the {@link KpiHourCache}, partial ones from the
 * cached minutes of their hour; one query reads whatever is missing, and it is cached. Minute buckets
 * are read directly (at most a few thousand minutes). The answers are the same as summing the minute
 * rows of the window: an hour is the sum of its minutes.
 */
public final class KpiMinuteReader {
    static final long HOUR_MS = 3_600_000L;
    static final long MINUTE_MS = 60_000L;

    private final KpiMinuteRepository repository;
    private final KpiHourCache cache;

    /** @param maxCachedTotals hour totals kept (one per hour and group; ~1-2 kB each) */
    public KpiMinuteReader(TimedClickHouse clickHouse, int maxCachedTotals, ApiMetrics metrics) {
        this.repository = new KpiMinuteRepository(clickHouse);
        this.cache = new KpiHourCache(clickHouse, maxCachedTotals, metrics);
    }

    /** One total per window, in order; the windows may touch but not overlap. */
    public List<KpiTotals> windows(List<TimeRange> windows, String dataset, KpiDimensions dims, long requestStartNanos) {
        List<List<Segment>> cuts = windows.stream().map(KpiMinuteReader::cut).toList();
        Map<Long, Map<String, KpiTotals>> sums = read(cuts.stream().flatMap(List::stream).toList(), dataset, dims, null,
                requestStartNanos);
        List<KpiTotals> out = new ArrayList<>();
        for (List<Segment> cut : cuts) {
            KpiTotals total = KpiTotals.NONE;
            for (Segment s : cut) {
                total = total.plus(sums.getOrDefault(s.start(), Map.of()).getOrDefault("", KpiTotals.NONE));
            }
            out.add(total);
        }
        return out;
    }

    /**
     * Bucket start -> group -> sums, for the buckets with rows. {@code stepMs}: a minute, or whole
     * hours (hour, day); buckets start at multiples of it. {@code group} null: the one group "".
     */
    public Map<Long, Map<String, KpiTotals>> buckets(TimeRange range, long stepMs, String dataset, KpiDimensions dims,
                                                    GroupBy group, long requestStartNanos) {
        if (stepMs % HOUR_MS != 0) {
            return repository.sums(List.of(new long[] {range.fromMs(), range.toMs()}), List.of(), stepMs, stepMs, dataset, dims,
                    group);
        }
        List<Segment> segments = cut(range);
        Map<Long, Map<String, KpiTotals>> sums = read(segments, dataset, dims, group, requestStartNanos);
        Map<Long, Map<String, KpiTotals>> out = new TreeMap<>();
        for (Segment s : segments) {
            Map<String, KpiTotals> groups = sums.get(s.start());
            if (groups == null || groups.isEmpty()) {
                continue;
            }
            Map<String, KpiTotals> bucket = out.computeIfAbsent(s.start() - s.start() % stepMs, k -> new HashMap<>());
            groups.forEach((g, t) -> bucket.merge(g, t, KpiTotals::plus));
        }
        return out;
    }

    /**
     * Segment start -> group -> sums. Whole hours come from the cache; a partial hour from the cached
     * minutes of its hour. What is missing is read in one query: whole hours as hours, minutes as
     * minutes, and for an edge hour the cache knows nothing of, all its minutes (so that the next window
     * edge in the same hour is a cache hit too).
     */
    private Map<Long, Map<String, KpiTotals>> read(List<Segment> segments, String dataset, KpiDimensions dims,
                                                  GroupBy group, long requestStartNanos) {
        KpiHourCache.Key key = new KpiHourCache.Key(dataset, dims, group);
        long generation = cache.refresh(requestStartNanos);
        Set<Long> hours = new LinkedHashSet<>();
        segments.stream().filter(Segment::wholeHour).forEach(s -> hours.add(s.start()));
        Map<Long, Map<String, KpiTotals>> out = new HashMap<>(cache.get(key, hours));
        Map<Long, Map<Long, Map<String, KpiTotals>>> known = new HashMap<>();
        List<long[]> ranges = new ArrayList<>();
        List<long[]> fine = new ArrayList<>();
        Set<Long> missingHours = new LinkedHashSet<>();
        int minuteHits = 0;
        int minuteMisses = 0;
        for (Segment s : segments) {
            if (s.wholeHour()) {
                if (!out.containsKey(s.start())) {
                    missingHours.add(s.start());
                    extend(ranges, s.start(), s.end());
                }
                continue;
            }
            long hour = s.start() - s.start() % HOUR_MS;
            Map<Long, Map<String, KpiTotals>> minutes = known.computeIfAbsent(hour, h -> cache.minutes(key, h));
            List<Long> wanted = minutes.isEmpty() ? minutesOf(hour, hour + HOUR_MS) : minutesOf(s.start(), s.end());
            for (long m : wanted) {
                if (minutes.containsKey(m)) {
                    minuteHits++;
                } else if (fine.stream().noneMatch(f -> f[0] <= m && m < f[1])) {
                    minuteMisses++;
                    extend(fine, m, m + MINUTE_MS);
                }
            }
        }
        cache.countMinutes(minuteHits, minuteMisses);
        ranges.addAll(fine);
        if (!ranges.isEmpty()) {
            Map<Long, Map<String, KpiTotals>> read = repository.sums(ranges, fine, MINUTE_MS, HOUR_MS, dataset, dims, group);
            Map<Long, Map<Long, Map<String, KpiTotals>>> readMinutes = new HashMap<>();
            for (long[] f : fine) {
                for (long m : minutesOf(f[0], f[1])) {
                    readMinutes.computeIfAbsent(m - m % HOUR_MS, h -> new HashMap<>()).put(m, read.getOrDefault(m, Map.of()));
                }
            }
            Map<Long, Map<String, KpiTotals>> readHours = new HashMap<>();
            for (Long h : missingHours) {
                readHours.put(h, read.getOrDefault(h, Map.of()));
            }
            out.putAll(readHours);
            cache.put(key, generation, readHours);
            cache.putMinutes(key, generation, readMinutes);
            readMinutes.forEach((h, m) -> {
                Map<Long, Map<String, KpiTotals>> all = new HashMap<>(known.getOrDefault(h, Map.of()));
                all.putAll(m);
                known.put(h, all);
            });
        }
        for (Segment s : segments) {
            if (!s.wholeHour()) {
                out.put(s.start(), sumMinutes(known.get(s.start() - s.start() % HOUR_MS), s.start(), s.end()));
            }
        }
        return out;
    }

    /** Starts of the minutes starting in [from, to). */
    private static List<Long> minutesOf(long from, long to) {
        List<Long> out = new ArrayList<>();
        long first = from % MINUTE_MS == 0 ? from : from - from % MINUTE_MS + MINUTE_MS;
        for (long m = first; m < to; m += MINUTE_MS) {
            out.add(m);
        }
        return out;
    }

    /** The groups' sums of the minutes starting in [from, to). */
    private static Map<String, KpiTotals> sumMinutes(Map<Long, Map<String, KpiTotals>> minutes, long from, long to) {
        Map<String, KpiTotals> out = new HashMap<>();
        minutes.forEach((minute, groups) -> {
            if (minute >= from && minute < to) {
                groups.forEach((g, t) -> out.merge(g, t, KpiTotals::plus));
            }
        });
        return out;
    }

    /** Appends a whole hour to the ranges to read, joining it to the previous one when adjacent. */
    private static void extend(List<long[]> ranges, long start, long end) {
        long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
        if (last != null && last[1] == start) {
            last[1] = end;
        } else {
            ranges.add(new long[] {start, end});
        }
    }

    /** [from, to) as its whole hours and the partial hours at either end. */
    static List<Segment> cut(TimeRange range) {
        long from = range.fromMs();
        long to = range.toMs();
        List<Segment> out = new ArrayList<>();
        long firstWhole = ceil(from);
        long lastWhole = to - to % HOUR_MS;
        if (firstWhole >= lastWhole) {
            // no whole hour inside: at most two partial ones
            long split = Math.min(firstWhole, to);
            if (from < split) {
                out.add(new Segment(from, split, false));
            }
            if (split < to) {
                out.add(new Segment(split, to, false));
            }
            return out;
        }
        if (from < firstWhole) {
            out.add(new Segment(from, firstWhole, false));
        }
        for (long h = firstWhole; h < lastWhole; h += HOUR_MS) {
            out.add(new Segment(h, h + HOUR_MS, true));
        }
        if (lastWhole < to) {
            out.add(new Segment(lastWhole, to, false));
        }
        return out;
    }

    private static long ceil(long ms) {
        long r = ms % HOUR_MS;
        return r == 0 ? ms : ms - r + HOUR_MS;
    }

    /** Part of a window: a whole UTC hour (cacheable) or a partial one at an edge. */
    record Segment(long start, long end, boolean wholeHour) {
    }
}
