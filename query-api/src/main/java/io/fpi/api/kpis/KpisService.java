package io.fpi.api.kpis;

import io.fpi.api.clickhouse.TimedClickHouse;
import io.fpi.api.http.ApiException;
import io.fpi.api.http.BucketWidth;
import io.fpi.api.metrics.ApiMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * KPI answers, all from kpi_minute through the {@link KpiMinuteReader} (whole hours cached, so a
 * 30-day answer reads only what changed), plus {@code orders_open} from the {@link OpenOrders} index.
 */
public final class KpisService {
    /** Most values (buckets x series) one grouped time series may hold. */
    public static final int MAX_SERIES_VALUES = 20_000;

    private final KpiMinuteReader minutes;
    private final OpenOrders open;
    private final int maxPoints;

    /**
     * @param maxPoints       the most buckets one time series or rollup may have
     * @param maxCachedTotals hour totals the KPI cache may hold
     * @param maxOpenOrders   open orders the orders_open index may hold before counting in ClickHouse
     */
    public KpisService(TimedClickHouse clickHouse, ApiMetrics metrics, int maxPoints, int maxCachedTotals, int maxOpenOrders) {
        this.minutes = new KpiMinuteReader(clickHouse, maxCachedTotals, metrics);
        this.open = new OpenOrders(clickHouse, maxOpenOrders, metrics);
        this.maxPoints = maxPoints;
    }

    public KpiSummary summary(TimeRange range, String dataset, KpiDimensions dims) {
        long start = System.nanoTime();
        TimeRange before = range.previous();
        List<KpiTotals> totals = minutes.windows(List.of(range, before), dataset, dims, start);
        long[] openNow = open.count(List.of(range, before), dataset, dims, start);
        return new KpiSummary(range.from(), range.to(), dataset, dims.channel(), dims.fulfillmentType(), dims.region(),
                dims.node(), KpiValues.of(totals.get(0), openNow[0]),
                new KpiSummary.Previous(before.from(), before.to(), KpiValues.of(totals.get(1), openNow[1])));
    }

    public Timeseries timeseries(Metric metric, BucketWidth width, TimeRange range, String dataset, KpiDimensions dims,
                                 GroupBy group) {
        long start = System.nanoTime();
        long points = checkPoints(width, range);
        Map<Long, Map<String, KpiTotals>> buckets = minutes.buckets(range, width.millis(), dataset, dims, group, start);
        List<Timeseries.Point> total = new ArrayList<>((int) points);
        Map<String, List<Timeseries.Point>> perGroup = new HashMap<>();
        Map<String, KpiTotals> groupTotals = new HashMap<>();
        buckets.values().forEach(b -> b.forEach((g, t) -> groupTotals.merge(g, t, KpiTotals::plus)));
        if (group != null && groupTotals.size() * points > MAX_SERIES_VALUES) {
            throw ApiException.badRequest("groupBy=" + group.wireName() + " gives " + groupTotals.size() + " series of "
                    + points + " points; at most " + MAX_SERIES_VALUES + " values are allowed: filter (dataset, channel, "
                    + "fulfillment_type, region, node), use a coarser interval or a shorter range");
        }
        for (long t = width.floor(range.fromMs()); t < range.toMs(); t += width.millis()) {
            Instant at = Instant.ofEpochMilli(t);
            Map<String, KpiTotals> bucket = buckets.getOrDefault(t, Map.of());
            total.add(new Timeseries.Point(at, value(metric, bucket.values().stream().reduce(KpiTotals.NONE, KpiTotals::plus))));
            if (group != null) {
                for (String g : groupTotals.keySet()) {
                    perGroup.computeIfAbsent(g, k -> new ArrayList<>())
                            .add(new Timeseries.Point(at, value(metric, bucket.getOrDefault(g, KpiTotals.NONE))));
                }
            }
        }
        List<Timeseries.Series> series = null;
        if (group != null) {
            Comparator<String> order = metric.isCount()
                    ? Comparator.<String>comparingLong(g -> -metric.of(groupTotals.get(g)).longValue()).thenComparing(g -> g)
                    : Comparator.naturalOrder();
            series = groupTotals.keySet().stream().sorted(order)
                    .map(g -> new Timeseries.Series(g, perGroup.get(g))).toList();
        }
        return new Timeseries(metric.wireName(), width.wireName(), range.from(), range.to(), dataset, dims.channel(),
                dims.fulfillmentType(), dims.region(), dims.node(), group == null ? null : group.wireName(), total, series);
    }

    public KpiRollup rollup(BucketWidth width, TimeRange range, String dataset, KpiDimensions dims) {
        long start = System.nanoTime();
        long points = checkPoints(width, range);
        Map<Long, Map<String, KpiTotals>> buckets = minutes.buckets(range, width.millis(), dataset, dims, null, start);
        List<KpiRollup.Point> out = new ArrayList<>((int) points);
        for (long t = width.floor(range.fromMs()); t < range.toMs(); t += width.millis()) {
            out.add(KpiRollup.Point.of(Instant.ofEpochMilli(t), buckets.getOrDefault(t, Map.of()).getOrDefault("", KpiTotals.NONE)));
        }
        return new KpiRollup(width.wireName(), range.from(), range.to(), dataset, dims.channel(), dims.fulfillmentType(),
                dims.region(), dims.node(), out);
    }

    private long checkPoints(BucketWidth width, TimeRange range) {
        long points = width.points(range.fromMs(), range.toMs());
        if (points > maxPoints) {
            throw ApiException.badRequest("from..to at interval=" + width.wireName() + " gives " + points
                    + " points; at most " + maxPoints + " are allowed: use a coarser interval or a shorter range");
        }
        return points;
    }

    /** A count of an empty bucket is 0; its ratios and percentiles are null. */
    private static Number value(Metric metric, KpiTotals totals) {
        Number v = metric.of(totals);
        return v == null && metric.isCount() ? Long.valueOf(0) : v;
    }
}
