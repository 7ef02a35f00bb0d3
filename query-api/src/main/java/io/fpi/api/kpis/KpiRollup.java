package io.fpi.api.kpis;

import io.fpi.api.http.RecordRows;
import io.fpi.api.http.Tabular;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/kpis/rollup}: every KPI of kpi_minute per minute, hour or day bucket. A bucket
 * is the sum of its minute rows, so the buckets of any width add up to the same totals. Every
 * bucket of [from, to) is present; counts are 0 and ratios/percentiles null where nothing happened.
 */
public record KpiRollup(String interval, Instant from, Instant to, String dataset, String channel,
                        String fulfillmentType, String region, String node, List<Point> points) implements Tabular {
    public KpiRollup {
        points = List.copyOf(points);
    }

    public record Point(Instant t, long ordersPlaced, long ordersCompleted, long ordersCancelled, long ordersReturned,
                        Double fillRate, Double cancellationRate, Long cycleTimeP50Ms, Long cycleTimeP90Ms,
                        Long cycleTimeP99Ms, long slaDue, long slaMet, Double slaAdherence, long exceptionCount,
                        long exceptionsResolved, Long exceptionResolutionP50Ms, long refunds, Long refundCycleP50Ms,
                        Double inventoryAccuracy, long integrationFailures, long costOrders, Double costToServe) {

        static Point of(Instant t, KpiTotals m) {
            return new Point(t, m.ordersPlaced(), m.ordersCompleted(), m.ordersCancelled(), m.ordersReturned(),
                    m.fillRate(), m.cancellationRate(), m.cycleTime(0.5), m.cycleTime(0.9), m.cycleTime(0.99),
                    m.slaDue(), m.slaMet(), m.slaAdherence(), m.exceptionsRaised(), m.exceptionsResolved(),
                    m.exceptionResolution(0.5), m.refunds(), m.refundCycle(0.5), m.inventoryAccuracy(),
                    m.integrationFailures(), m.costOrders(), m.costToServe());
        }
    }

    @Override
    public String csvName() {
        return "kpi-rollup";
    }

    @Override
    public List<String> csvHeader() {
        return RecordRows.header(Point.class);
    }

    @Override
    public List<List<Object>> csvRows() {
        return RecordRows.rows(points);
    }
}
