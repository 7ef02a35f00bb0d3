package io.fpi.api.kpis;

import java.time.Instant;
import java.util.List;

/** A metric per bucket over [from, to); every bucket is present, empty ones as 0 or null. */
public record Timeseries(String metric, String interval, Instant from, Instant to, String dataset, List<Point> points) {
    public Timeseries {
        points = List.copyOf(points);
    }

    /** {@code t} is the start of the bucket. */
    public record Point(Instant t, Long value) {
    }
}
