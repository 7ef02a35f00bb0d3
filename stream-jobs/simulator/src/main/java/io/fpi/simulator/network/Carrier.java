package io.fpi.simulator.network;

import io.fpi.simulator.random.Rng;

/** Parcel carriers (rate-shopped per order) and the same-day courier. */
public enum Carrier {
    SWIFTSHIP(0.40),
    PARCELPRO(0.35),
    BLUEPOST(0.25),
    METROCOURIER(0);

    private static final double[] PARCEL_SHARES = {0.40, 0.35, 0.25, 0};

    private final double parcelShare;

    Carrier(double parcelShare) {
        this.parcelShare = parcelShare;
    }

    public boolean parcel() {
        return parcelShare > 0;
    }

    public static Carrier drawParcel(Rng rng) {
        return values()[rng.weighted(PARCEL_SHARES)];
    }

    public static Carrier byName(String name) {
        for (Carrier c : values()) {
            if (c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown carrier '" + name + "'");
    }
}
