package io.fpi.api.kpis;

import io.fpi.api.http.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** A half-open window [from, to) over which KPIs are computed. */
public record TimeRange(Instant from, Instant to) {

    /**
     * Fills in what the caller left out (to = now, from = to - defaultWindow) and refuses empty,
     * inverted or overly long windows, which would either answer nothing or scan everything.
     */
    public static TimeRange resolve(Optional<Instant> from, Optional<Instant> to, Instant now,
                                    Duration defaultWindow, Duration maxSpan) {
        // ClickHouse stores milliseconds; finer digits would only be echoed back, not used
        Instant end = to.orElse(now).truncatedTo(ChronoUnit.MILLIS);
        Instant start = from.orElse(end.minus(defaultWindow)).truncatedTo(ChronoUnit.MILLIS);
        if (!start.isBefore(end)) {
            throw ApiException.badRequest("from must be before to (got from=" + start + ", to=" + end + ")");
        }
        if (Duration.between(start, end).compareTo(maxSpan) > 0) {
            throw ApiException.badRequest("from..to may span at most " + maxSpan.toDays() + " days");
        }
        return new TimeRange(start, end);
    }

    /** The window of the same length just before this one, cut at the epoch. */
    public TimeRange previous() {
        Duration length = Duration.between(from, to);
        Instant start = from.minus(length).isBefore(Instant.EPOCH) ? Instant.EPOCH : from.minus(length);
        return new TimeRange(start, from);
    }

    public long fromMs() {
        return from.toEpochMilli();
    }

    public long toMs() {
        return to.toEpochMilli();
    }
}
