package io.fpi.api.kpis;

import io.fpi.api.http.ApiException;
import io.fpi.api.http.BucketWidth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * KPI answers: the summary (exact order KPIs from traces, the rest from kpi_minute), time series
 * and rollups with every bucket filled in.
 */
public final class KpisService {
    private final KpisRepository repository;
    private final KpiMinuteRepository minutes;
    private final int maxPoints;

    /** @param maxPoints the most buckets one time series or rollup may have, to bound the work per request */
    public KpisService(KpisRepository repository, KpiMinuteRepository minutes, int maxPoints) {
        this.repository = repository;
        this.minutes = minutes;
        this.maxPoints = maxPoints;
    }

    public KpiSummary summary(TimeRange range, String dataset) {
        return KpiSummary.of(range, dataset, repository.summary(range, dataset),
                minutes.totals(range, dataset, KpiDimensions.ALL),
                minutes.integrationFailuresBySystem(range, dataset, KpiDimensions.ALL));
    }

    public KpiRollup rollup(BucketWidth width, TimeRange range, String dataset, KpiDimensions dims) {
        long points = width.points(range.fromMs(), range.toMs());
        if (points > maxPoints) {
            throw ApiException.badRequest("from..to at interval=" + width.wireName() + " gives " + points
                    + " points; at most " + maxPoints + " are allowed: use a coarser interval or a shorter range");
        }
        Map<Long, KpiTotals> buckets = minutes.buckets(width.millis(), range, dataset, dims);
        KpiTotals empty = KpiTotals.NONE;
        List<KpiRollup.Point> out = new ArrayList<>((int) points);
        for (long t = width.floor(range.fromMs()); t < range.toMs(); t += width.millis()) {
            out.add(KpiRollup.Point.of(Instant.ofEpochMilli(t), buckets.getOrDefault(t, empty)));
        }
        return new KpiRollup(width.wireName(), range.from(), range.to(), dataset, dims.channel(), dims.fulfillmentType(),
                dims.region(), dims.node(), out);
    }

    public Timeseries timeseries(Metric metric, Interval interval, TimeRange range, String dataset) {
        long first = interval.floor(range.fromMs());
        long points = (range.toMs() - first + interval.millis() - 1) / interval.millis();
        if (points > maxPoints) {
            throw ApiException.badRequest("from..to at interval=" + interval.wireName() + " gives " + points
                    + " points; at most " + maxPoints + " are allowed: use a coarser interval or a shorter range");
        }
        Map<Long, Long> values = repository.buckets(metric, interval, range, dataset);
        Long empty = metric.isCount() ? 0L : null;
        List<Timeseries.Point> out = new ArrayList<>((int) points);
        for (long t = first; t < range.toMs(); t += interval.millis()) {
            out.add(new Timeseries.Point(Instant.ofEpochMilli(t), values.getOrDefault(t, empty)));
        }
        return new Timeseries(metric.wireName(), interval.wireName(), range.from(), range.to(), dataset, out);
    }
}
