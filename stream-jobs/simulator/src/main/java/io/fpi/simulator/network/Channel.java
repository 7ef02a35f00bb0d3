package io.fpi.simulator.network;

import io.fpi.simulator.random.Rng;

/**
 * Sales channels with their storefronts, capture system and fulfillment-type mix. The mix is what a
 * mid-size omnichannel retailer reports: web and app lean on home delivery and store pickup,
 * marketplaces only ship, in-store "endless aisle" orders ship from a DC or the store.
 */
public enum Channel {
    //                     capture        share  STH   SFS   BOPIS CURB  SAME_DAY
    WEB("ECOM", 0.45, new double[] {0.45, 0.15, 0.22, 0.08, 0.10}, "main-site", "outlet-site"),
    APP("ECOM", 0.25, new double[] {0.40, 0.15, 0.25, 0.08, 0.12}, "ios-app", "android-app"),
    MARKETPLACE("MARKETPLACE", 0.12, new double[] {0.75, 0.25, 0, 0, 0}, "marketplace-a", "marketplace-b"),
    STORE("POS", 0.12, new double[] {0.60, 0.30, 0, 0, 0.10}, "store-endless-aisle"),
    CALL_CENTER("OMS", 0.06, new double[] {0.70, 0, 0.20, 0.10, 0}, "call-center");

    private static final double[] SHARES;

    static {
        SHARES = new double[values().length];
        for (Channel c : values()) {
            SHARES[c.ordinal()] = c.share;
        }
    }

    private final String captureSystem;
    private final double share;
    private final double[] typeMix;
    private final String[] storefronts;

    Channel(String captureSystem, double share, double[] typeMix, String... storefronts) {
        this.captureSystem = captureSystem;
        this.share = share;
        this.typeMix = typeMix;
        this.storefronts = storefronts;
    }

    /** The source_system of ORDER_PLACED and other capture-side events. */
    public String captureSystem() {
        return captureSystem;
    }

    public static Channel draw(Rng rng) {
        return values()[rng.weighted(SHARES)];
    }

    public FulfillmentType drawType(Rng rng) {
        return FulfillmentType.values()[rng.weighted(typeMix)];
    }

    public String drawStorefront(Rng rng) {
        return storefronts.length == 1 ? storefronts[0] : storefronts[rng.nextInt(storefronts.length)];
    }
}
