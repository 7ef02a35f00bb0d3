package io.fpi.simulator.network;

/**
 * The retailer's six regions, each served by one regional DC. Offsets are standard time (no DST):
 * the simulator only needs "is the store open" and "end of the customer's day", and a fixed offset
 * keeps that arithmetic cheap and reproducible.
 */
public enum Region {
    NORTHEAST("DC-NORTHEAST", -5, 60, 0.24),
    SOUTHEAST("DC-SOUTHEAST", -5, 55, 0.20),
    MIDWEST("DC-MIDWEST", -6, 55, 0.17),
    SOUTH_CENTRAL("DC-SOUTHCENTRAL", -6, 50, 0.15),
    MOUNTAIN("DC-MOUNTAIN", -7, 30, 0.08),
    PACIFIC("DC-PACIFIC", -8, 50, 0.16);

    private final String dcId;
    private final long utcOffsetMs;
    private final int storeCount;
    private final double demandShare;

    Region(String dcId, int utcOffsetHours, int storeCount, double demandShare) {
        this.dcId = dcId;
        this.utcOffsetMs = utcOffsetHours * 3_600_000L;
        this.storeCount = storeCount;
        this.demandShare = demandShare;
    }

    public String dcId() {
        return dcId;
    }

    public long utcOffsetMs() {
        return utcOffsetMs;
    }

    public int storeCount() {
        return storeCount;
    }

    public double demandShare() {
        return demandShare;
    }

    /** The DC a backordered DC order is rerouted to: the next region's DC. */
    public Region neighbour() {
        Region[] all = values();
        return all[(ordinal() + 1) % all.length];
    }

    public static Region byName(String name) {
        for (Region r : values()) {
            if (r.name().equalsIgnoreCase(name) || r.dcId.equalsIgnoreCase(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown region or DC '" + name + "'");
    }
}
