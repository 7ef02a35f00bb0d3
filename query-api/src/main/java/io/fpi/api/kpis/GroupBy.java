package io.fpi.api.kpis;

import io.fpi.api.http.WireNamed;
import java.util.Map;

/** The kpi_minute dimensions a time series may be split by: the whitelist for {@code ?groupBy=}. */
public enum GroupBy implements WireNamed {
    CHANNEL("channel", "channel"),
    FULFILLMENT_TYPE("fulfillment_type", "fulfillment_type"),
    REGION("region", "region"),
    NODE("node", "node_id");

    public static final Map<String, GroupBy> BY_NAME = WireNamed.byName(values());

    private final String wireName;
    private final String column;

    GroupBy(String wireName, String column) {
        this.wireName = wireName;
        this.column = column;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The kpi_minute column; a constant, never request text. */
    String column() {
        return column;
    }
}
