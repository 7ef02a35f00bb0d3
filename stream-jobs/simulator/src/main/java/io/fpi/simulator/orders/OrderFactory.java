package io.fpi.simulator.orders;

import io.fpi.simulator.network.Carrier;
import io.fpi.simulator.network.Channel;
import io.fpi.simulator.network.FulfillmentType;
import io.fpi.simulator.network.Node;
import io.fpi.simulator.network.Region;
import io.fpi.simulator.network.RetailNetwork;
import io.fpi.simulator.random.Rng;
import io.fpi.simulator.random.Seeds;
import io.fpi.simulator.scenarios.ActiveScenario;
import io.fpi.simulator.scenarios.Scenarios;
import java.util.Locale;

/**
 * Writes an order's whole plan at placement. Each order draws from its own random stream
 * (seed, index), so an order's story does not depend on other orders: a scenario run and its
 * baseline differ only where the scenario touched.
 */
public final class OrderFactory {
    static final double BASE_STALL_RATE = 0.006;
    static final double BASE_STALL_NEVER = 0.25;
    static final double CUSTOMER_CANCEL_RATE = 0.01;
    static final double GLITCH_RATE = 0.035;
    private static final String[] GLITCH_SYSTEMS = {"PAYMENT", "WMS", "POS", "TMS", "ERP", "CARRIER"};
    private static final double[] GLITCH_WEIGHTS = {0.2, 0.2, 0.2, 0.15, 0.15, 0.1};

    private final String dataset;
    private final long seed;
    private final String runTag;
    private final Scenarios scenarios;
    private final RetailNetwork network = RetailNetwork.standard();

    public OrderFactory(String dataset, long seed, Scenarios scenarios) {
        this.dataset = dataset;
        this.seed = seed;
        this.scenarios = scenarios;
        this.runTag = String.format(Locale.ROOT, "%08X", Seeds.mix(seed, Seeds.RUN_TAG) >>> 32);
    }

    /** Order ids are ORD-{8 hex of the seed}-{index}: unique per seed, stable across reruns. */
    public String orderId(long index) {
        return "ORD-" + runTag + "-" + String.format(Locale.ROOT, "%07d", index);
    }

    public OrderPlan create(long index, long placedAt) {
        Rng rng = Rng.of(seed, index);
        OrderProfile profile = profile(index, placedAt, rng);
        PlanBuilder b = new PlanBuilder(dataset, profile, rng, scenarios);
        planInjections(b, rng, placedAt);
        CapturePhase.run(b);
        if (b.active()) {
            fulfil(b);
        }
        AftercarePhase.run(b);
        return b.build();
    }

    private OrderProfile profile(long index, long placedAt, Rng rng) {
        Channel channel = Channel.draw(rng);
        FulfillmentType type = channel.drawType(rng);
        Region region = network.customerRegion(rng);
        String storefront = channel.drawStorefront(rng);
        Node pickupStore = type.pickup() ? network.randomStore(region, rng) : null;
        boolean express = !type.pickup() && type != FulfillmentType.SAME_DAY && rng.chance(0.3);
        String level = type.pickup() ? "PICKUP" : type == FulfillmentType.SAME_DAY ? "SAME_DAY" : express ? "EXPRESS" : "STANDARD";
        Carrier carrier = type == FulfillmentType.SAME_DAY ? Carrier.METROCOURIER : type.pickup() ? null : Carrier.drawParcel(rng);
        int units = 1;
        while (units < 12 && rng.chance(0.45)) {
            units++;
        }
        long amount = 0;
        for (int i = 0; i < units; i++) {
            amount += rng.lognormal(3200, 0.8, 60_000);
        }
        long promised = Promises.promisedBy(type, express, placedAt, region, rng);
        return new OrderProfile(index, orderId(index), channel, storefront, type, region, level, pickupStore,
                carrier, units, amount, placedAt, promised);
    }

    private void planInjections(PlanBuilder b, Rng rng, long placedAt) {
        if (rng.chance(BASE_STALL_RATE)) {
            b.planBaseStall(3 + rng.nextInt(5), b.stage(StageTimes.BASE_STALL) + 3 * 3_600_000L, rng.chance(BASE_STALL_NEVER));
        }
        if (rng.chance(CUSTOMER_CANCEL_RATE)) {
            b.planCustomerCancel(placedAt + rng.lognormal(40 * 60_000L, 1.0, 12 * 3_600_000L));
        }
        if (rng.chance(GLITCH_RATE)) {
            b.planGlitch(GLITCH_SYSTEMS[rng.weighted(GLITCH_WEIGHTS)]);
        }
        ActiveScenario peak = scenarios.peak(placedAt);
        if (peak != null) {
            b.slowDown(1.0 + 0.3 * (peak.multiplier() - 1.0), peak.name().cliName());
        }
    }

    private void fulfil(PlanBuilder b) {
        Path path = SourcingPhase.run(b, network);
        FulfillmentType type = b.profile().type();
        if (path == Path.DC) {
            Path after = WarehousePhase.run(b, network);
            if (after == Path.STORE) {
                StorePhase.pick(b);
                StorePhase.pack(b);
            }
            if (after != Path.NONE) {
                ShippingPhase.parcel(b);
            }
        } else if (path == Path.STORE) {
            StorePhase.pick(b);
            if (type.pickup()) {
                PickupPhase.run(b);
            } else {
                StorePhase.pack(b);
                if (type == FulfillmentType.SAME_DAY) {
                    ShippingPhase.courier(b);
                } else {
                    ShippingPhase.parcel(b);
                }
            }
        }
    }
}
