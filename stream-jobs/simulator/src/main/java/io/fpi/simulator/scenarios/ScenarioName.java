package io.fpi.simulator.scenarios;

import java.time.Duration;

/** The named scenarios from the seed text; README.md documents each one's signature. */
public enum ScenarioName {
    CARRIER_OUTAGE("carrier-outage", Duration.ofHours(4)),
    WAREHOUSE_WAVE_DELAY("warehouse-wave-delay", Duration.ofHours(3)),
    STORE_INVENTORY_DROP("store-inventory-drop", Duration.ofHours(4)),
    ERP_SYNC_LAG("erp-sync-lag", Duration.ofHours(4)),
    PROMOTION_PEAK("promotion-peak", Duration.ofHours(3));

    /** Scenarios start this long after the simulated start unless told otherwise. */
    public static final Duration DEFAULT_START_OFFSET = Duration.ofHours(2);

    private final String cliName;
    private final Duration defaultDuration;

    ScenarioName(String cliName, Duration defaultDuration) {
        this.cliName = cliName;
        this.defaultDuration = defaultDuration;
    }

    public String cliName() {
        return cliName;
    }

    public Duration defaultDuration() {
        return defaultDuration;
    }

    public static ScenarioName parse(String name) {
        for (ScenarioName s : values()) {
            if (s.cliName.equalsIgnoreCase(name) || s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + name + "'; known: carrier-outage, "
                + "warehouse-wave-delay, store-inventory-drop, erp-sync-lag, promotion-peak");
    }
}
