package io.fpi.api;

import java.time.Clock;
import java.time.Duration;

/**
 * Limits and defaults of the query API. Fixed in code for now; the clock is here so tests can pin
 * "now" for requests that leave out {@code from}/{@code to}.
 *
 * @param defaultKpiWindow    the window a KPI request covers when it gives no {@code from}
 * @param maxKpiRange         the longest {@code from..to} a KPI request may ask for
 * @param maxTimeseriesPoints the most buckets one time series may have
 * @param healthTimeout       how long /api/health waits for each dependency
 * @param kpiCacheTotals      hour totals the KPI cache may hold (one per hour, filter and group; ~1-2 kB each)
 * @param maxOpenOrders       open orders the orders_open index may hold before counting in ClickHouse instead
 */
public record ApiConfig(Clock clock, Duration defaultKpiWindow, Duration maxKpiRange, int maxTimeseriesPoints,
                        Duration healthTimeout, int kpiCacheTotals, int maxOpenOrders) {

    public static ApiConfig defaults() {
        return new ApiConfig(Clock.systemUTC(), Duration.ofHours(24), Duration.ofDays(400), 2_000, Duration.ofSeconds(2),
                50_000, 2_000_000);
    }

    public ApiConfig withClock(Clock newClock) {
        return new ApiConfig(newClock, defaultKpiWindow, maxKpiRange, maxTimeseriesPoints, healthTimeout, kpiCacheTotals,
                maxOpenOrders);
    }
}
