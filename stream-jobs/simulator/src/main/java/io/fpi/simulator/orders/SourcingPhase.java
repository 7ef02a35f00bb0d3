package io.fpi.simulator.orders;

import static io.fpi.schemas.CanonicalActivity.INVENTORY_RESERVED;
import static io.fpi.schemas.CanonicalActivity.INVENTORY_SYNCED;
import static io.fpi.schemas.CanonicalActivity.INVENTORY_SYNC_MISMATCH;
import static io.fpi.schemas.CanonicalActivity.ORDER_SOURCED;
import static io.fpi.schemas.CanonicalActivity.ORDER_SPLIT;

import io.fpi.simulator.network.Node;
import io.fpi.simulator.network.RetailNetwork;
import io.fpi.simulator.random.Rng;
import io.fpi.simulator.scenarios.ActiveScenario;

/**
 * Sourcing and reservation: the OMS picks the node, inventory is reserved and synced. A failed
 * sync (base rate, or store-inventory-drop) raises a BACKORDER handled by {@link Backorders}.
 */
final class SourcingPhase {
    static final double STORE_BACKORDER_RATE = 0.025;
    static final double DC_BACKORDER_RATE = 0.012;
    static final double HARMLESS_MISMATCH_RATE = 0.03;
    static final double SPLIT_RATE = 0.04;
    /** Share of a dropping region's store orders whose sync fails. */
    static final double DROP_HIT_RATE = 0.65;
    /** After this long, the OMS's sourcing rules shift the region's store orders to the DC. */
    static final long DROP_REACTION_MS = 45 * 60_000L;
    static final double DROP_SHIFT_RATE = 0.8;

    private SourcingPhase() {}

    static Path run(PlanBuilder b, RetailNetwork network) {
        OrderProfile p = b.profile();
        Rng rng = b.rng();
        Node node = choose(b, network, rng);
        b.node(node);
        b.milestone(ORDER_SOURCED, "OMS", b.stage(StageTimes.SOURCING));
        if (!node.store() && p.units() > 1 && rng.chance(SPLIT_RATE)) {
            b.at(ORDER_SPLIT, "OMS", b.resume() + 500).attr("shipments", "2");
        }
        b.milestone(INVENTORY_RESERVED, node.store() ? "INVENTORY" : "OMS", b.stage(StageTimes.RESERVE));
        if (!b.active()) {
            return Path.NONE;
        }
        long reserved = b.resume();
        ActiveScenario drop = node.store() ? b.scenarios().inventoryDrop(node.region(), reserved) : null;
        boolean dropHit = drop != null && rng.chance(DROP_HIT_RATE);
        boolean backorder = dropHit || rng.chance(node.store() ? STORE_BACKORDER_RATE : DC_BACKORDER_RATE);
        long sync = reserved + b.stage(StageTimes.SYNC);
        if (!backorder) {
            if (rng.chance(HARMLESS_MISMATCH_RATE)) {
                b.at(INVENTORY_SYNC_MISMATCH, "INVENTORY", sync).error("COUNT_MISMATCH", "counts differ; corrected on next sync");
            } else {
                b.at(INVENTORY_SYNCED, "INVENTORY", sync);
            }
            return node.store() ? Path.STORE : Path.DC;
        }
        String cause = dropHit ? drop.name().cliName() : "base";
        if (dropHit) {
            b.effect(cause, "INVENTORY_SYNC_MISMATCH", 0);
        }
        b.at(INVENTORY_SYNC_MISMATCH, "INVENTORY", sync).error("COUNT_MISMATCH", "on-hand below reserved quantity at " + node.id());
        return Backorders.handle(b, network, sync + rng.lognormal(2 * 60_000L, 0.5, 10 * 60_000L), cause, dropHit);
    }

    private static Node choose(PlanBuilder b, RetailNetwork network, Rng rng) {
        OrderProfile p = b.profile();
        if (p.pickupStore() != null) {
            return p.pickupStore();
        }
        if (!p.type().storeSourced()) {
            return network.dc(p.region());
        }
        Node store = network.randomStore(p.region(), rng);
        ActiveScenario drop = b.scenarios().inventoryDrop(p.region(), b.resume());
        if (drop != null && b.resume() >= drop.startMs() + DROP_REACTION_MS && rng.chance(DROP_SHIFT_RATE)) {
            b.effect(drop.name().cliName(), "SOURCED_TO_DC", 0);
            return network.dc(p.region());
        }
        return store;
    }
}
