package io.fpi.api.kpis;

import io.fpi.api.http.Tabular;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/kpis/timeseries}: one metric per bucket over [from, to); every bucket is present,
 * empty ones 0 (counts) or null (ratios, percentiles). {@code points} is over everything the filters
 * keep; with {@code groupBy}, {@code series} splits it per value of that dimension (largest volume
 * first), otherwise it is null.
 */
public record Timeseries(String metric, String interval, Instant from, Instant to, String dataset, String channel,
                         String fulfillmentType, String region, String node, String groupBy, List<Point> points,
                         List<Series> series) implements Tabular {

    /** {@code t} is the start of the bucket; value an integer for counts, a number otherwise. */
    public record Point(Instant t, Number value) {
    }

    public record Series(String group, List<Point> points) {
    }

    @Override
    public String csvName() {
        return "timeseries-" + metric;
    }

    @Override
    public List<String> csvHeader() {
        return groupBy == null ? List.of("t", metric) : List.of("t", groupBy, metric);
    }

    @Override
    public List<List<Object>> csvRows() {
        List<List<Object>> rows = new ArrayList<>();
        if (series == null) {
            points.forEach(p -> rows.add(java.util.Arrays.asList(p.t(), p.value())));
        } else {
            series.forEach(s -> s.points().forEach(p -> rows.add(java.util.Arrays.asList(p.t(), s.group(), p.value()))));
        }
        return rows;
    }
}
