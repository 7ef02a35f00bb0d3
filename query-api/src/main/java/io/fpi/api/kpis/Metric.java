package io.fpi.api.kpis;

/**
 * The metrics {@code /api/kpis/timeseries} can chart: the whitelist of what may be asked for, with
 * the SQL fragments each one needs. The fragments are constants; no request text goes into them.
 *
 * <p>"Completed" means ended as delivered or collected, including orders later returned: a return
 * does not undo the fulfilment, and its cycle time still counts.
 */
public enum Metric {
    ORDERS_PLACED("orders_placed", "placed_at_ms", "1", "count()", true),
    ORDERS_COMPLETED("orders_completed", "completed_at_ms", Metric.COMPLETED, "count()", true),
    CYCLE_TIME_P50_MS("cycle_time_p50_ms", "completed_at_ms", Metric.COMPLETED_WITH_CYCLE_TIME,
            "quantileExact(0.5)(cycle_time_ms)", false),
    CYCLE_TIME_P90_MS("cycle_time_p90_ms", "completed_at_ms", Metric.COMPLETED_WITH_CYCLE_TIME,
            "quantileExact(0.9)(cycle_time_ms)", false);

    static final String COMPLETED = "status IN ('completed', 'returned')";
    static final String COMPLETED_WITH_CYCLE_TIME = COMPLETED + " AND isNotNull(cycle_time_ms)";

    private final String wireName;
    private final String timeColumn;
    private final String condition;
    private final String aggregate;
    private final boolean count;

    Metric(String wireName, String timeColumn, String condition, String aggregate, boolean count) {
        this.wireName = wireName;
        this.timeColumn = timeColumn;
        this.condition = condition;
        this.aggregate = aggregate;
        this.count = count;
    }

    public String wireName() {
        return wireName;
    }

    /** The column that places an order in a time bucket. */
    String timeColumn() {
        return timeColumn;
    }

    String condition() {
        return condition;
    }

    String aggregate() {
        return aggregate;
    }

    /** Counts are 0 in an empty bucket; a percentile of nothing is null, not 0. */
    public boolean isCount() {
        return count;
    }
}
