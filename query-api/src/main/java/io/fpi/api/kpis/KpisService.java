package io.fpi.api.kpis;

import io.fpi.api.http.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** KPI answers: the summary as stored, time series with every bucket filled in. */
public final class KpisService {
    private final KpisRepository repository;
    private final int maxPoints;

    /** @param maxPoints the most buckets one time series may have, to bound the work per request */
    public KpisService(KpisRepository repository, int maxPoints) {
        this.repository = repository;
        this.maxPoints = maxPoints;
    }

    public KpiSummary summary(TimeRange range, String dataset) {
        return repository.summary(range, dataset);
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
