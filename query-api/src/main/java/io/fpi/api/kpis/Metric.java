package io.fpi.api.kpis;

import io.fpi.api.http.WireNamed;
import java.util.Map;
import java.util.function.Function;

/**
 * The metrics {@code /api/kpis/timeseries} can chart: every KPI of kpi_minute, each computed from a
 * bucket's sums exactly as the summary computes it from a window's. The enum is the whitelist of
 * {@code ?metric=}. (orders_open is a figure of "now", not of a bucket: it is in the summary only.)
 */
public enum Metric implements WireNamed {
    ORDERS_PLACED(true, KpiTotals::ordersPlaced),
    ORDERS_COMPLETED(true, KpiTotals::ordersCompleted),
    ORDERS_CANCELLED(true, KpiTotals::ordersCancelled),
    ORDERS_RETURNED(true, KpiTotals::ordersReturned),
    UNITS_ORDERED(true, KpiTotals::unitsOrdered),
    UNITS_FULFILLED(true, KpiTotals::unitsFulfilled),
    FILL_RATE(false, KpiTotals::fillRate),
    CANCELLATION_RATE(false, KpiTotals::cancellationRate),
    CYCLE_TIME_P50_MS(false, t -> t.cycleTime(0.5)),
    CYCLE_TIME_P90_MS(false, t -> t.cycleTime(0.9)),
    CYCLE_TIME_P99_MS(false, t -> t.cycleTime(0.99)),
    SLA_DUE(true, KpiTotals::slaDue),
    SLA_MET(true, KpiTotals::slaMet),
    SLA_ADHERENCE(false, KpiTotals::slaAdherence),
    EXCEPTION_COUNT(true, KpiTotals::exceptionsRaised),
    EXCEPTIONS_RESOLVED(true, KpiTotals::exceptionsResolved),
    EXCEPTION_RESOLUTION_P50_MS(false, t -> t.exceptionResolution(0.5)),
    EXCEPTION_RESOLUTION_P90_MS(false, t -> t.exceptionResolution(0.9)),
    REFUNDS(true, KpiTotals::refunds),
    REFUND_CYCLE_P50_MS(false, t -> t.refundCycle(0.5)),
    REFUND_CYCLE_P90_MS(false, t -> t.refundCycle(0.9)),
    INVENTORY_SYNCS(true, KpiTotals::inventorySyncs),
    INVENTORY_SYNC_MISMATCHES(true, KpiTotals::inventorySyncMismatches),
    INVENTORY_ACCURACY(false, KpiTotals::inventoryAccuracy),
    COST_ORDERS(true, KpiTotals::costOrders),
    COST_TO_SERVE(false, KpiTotals::costToServe),
    INTEGRATION_FAILURES(true, KpiTotals::integrationFailures);

    /** wire name -> metric */
    public static final Map<String, Metric> BY_NAME = WireNamed.byName(values());

    private final boolean count;
    private final Function<KpiTotals, Number> value;

    Metric(boolean count, Function<KpiTotals, Number> value) {
        this.count = count;
        this.value = value;
    }

    @Override
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Counts are 0 in an empty bucket; a ratio or percentile of nothing is null, not 0. */
    public boolean isCount() {
        return count;
    }

    public Number of(KpiTotals totals) {
        return value.apply(totals);
    }
}
