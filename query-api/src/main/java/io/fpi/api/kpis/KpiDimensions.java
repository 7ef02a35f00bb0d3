package io.fpi.api.kpis;

import io.fpi.runtime.clickhouse.SqlLiterals;

/** Optional filters on the kpi_minute dimensions; null means every value. */
public record KpiDimensions(String channel, String fulfillmentType, String region, String node) {
    public static final KpiDimensions ALL = new KpiDimensions(null, null, null, null);

    /** " AND ..." conditions for the set filters, values through SqlLiterals. */
    String conditions() {
        StringBuilder sb = new StringBuilder();
        append(sb, "channel", channel);
        append(sb, "fulfillment_type", fulfillmentType);
        append(sb, "region", region);
        append(sb, "node_id", node);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String column, String value) {
        if (value != null) {
            sb.append(" AND ").append(column).append(" = ").append(SqlLiterals.string(value));
        }
    }
}
