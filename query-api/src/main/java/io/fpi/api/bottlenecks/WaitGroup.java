package io.fpi.api.bottlenecks;

import io.fpi.api.http.WireNamed;
import java.util.Map;

/**
 * How {@code /api/bottlenecks} groups waiting time, the whitelist of {@code ?groupBy=}: by stage alone,
 * or per stage within each node, region or channel; or, for {@code source_system}, by the system work
 * was handed to (the waits between consecutive events of different systems, from the traces' handoffs).
 */
public enum WaitGroup implements WireNamed {
    STAGE("stage", "''"),
    NODE("node", "node_id"),
    REGION("region", "region"),
    CHANNEL("channel", "channel"),
    SOURCE_SYSTEM("source_system", null);

    public static final Map<String, WaitGroup> BY_NAME = WireNamed.byName(values());

    private final String wireName;
    private final String column;

    WaitGroup(String wireName, String column) {
        this.wireName = wireName;
        this.column = column;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The traces column that names the group (a constant); null for source_system (handoffs). */
    String column() {
        return column;
    }
}
