package io.fpi.simulator.orders;

import static io.fpi.schemas.CanonicalActivity.BACKORDER;
import static io.fpi.schemas.CanonicalActivity.EXCEPTION_RAISED;
import static io.fpi.schemas.CanonicalActivity.EXCEPTION_RESOLVED;
import static io.fpi.schemas.CanonicalActivity.INVENTORY_RESERVED;
import static io.fpi.schemas.CanonicalActivity.INVENTORY_SYNCED;
import static io.fpi.schemas.CanonicalActivity.ORDER_REROUTED;

import io.fpi.simulator.network.LocalClock;
import io.fpi.simulator.network.Node;
import io.fpi.simulator.network.RetailNetwork;
import io.fpi.simulator.random.Rng;

/**
 * A BACKORDER exception and its outcome: reroute (store to the region's DC, DC to the next DC),
 * cancel, or wait for stock (a labelled stall: the order idles after INVENTORY_RESERVED).
 */
final class Backorders {
    private Backorders() {}

    static Path handle(PlanBuilder b, RetailNetwork network, long raisedAt, String cause, boolean scenario) {
        Node node = b.node();
        Rng rng = b.rng();
        b.at(EXCEPTION_RAISED, "OMS", raisedAt).error(BACKORDER, "no sellable stock at " + node.id());
        b.advanceTo(raisedAt);
        if (node.store() && !b.profile().type().pickup()) {
            if (rng.chance(scenario ? 0.75 : 0.6)) {
                return reroute(b, network.dc(node.region()), cause, "REROUTED_TO_DC");
            }
            cancel(b, rng, cause);
            return Path.NONE;
        }
        if (!node.store()) {
            double r = rng.nextDouble();
            if (r < 0.5) {
                return reroute(b, network.dc(node.region().neighbour()), cause, "REROUTED_TO_DC");
            }
            if (r < 0.8) {
                cancel(b, rng, cause);
                return Path.NONE;
            }
            long wait = b.stage(StageTimes.REPLENISHMENT);
            return waitForStock(b, raisedAt, wait, cause, Path.DC);
        }
        if (rng.chance(scenario ? 0.55 : 0.4)) {
            cancel(b, rng, cause);
            return Path.NONE;
        }
        // Pickup orders cannot move stores: a DC transfer arrives the next morning.
        long arrival = LocalClock.at(raisedAt, node.region(), 1, LocalClock.STORE_OPEN) + b.stage(StageTimes.EXCEPTION_SHORT) * 4;
        return waitForStock(b, raisedAt, arrival - raisedAt, cause, Path.STORE);
    }

    private static Path reroute(PlanBuilder b, Node to, String cause, String effect) {
        String from = b.node().id();
        b.node(to);
        b.effect(cause, effect, 0);
        b.milestone(ORDER_REROUTED, "OMS", b.rng().lognormal(15 * 60_000L, 0.6, 90 * 60_000L)).attr("from_node", from);
        long at = b.resume();
        b.at(EXCEPTION_RESOLVED, "OMS", at + 1_000).error(BACKORDER, "rerouted to " + to.id());
        b.milestone(INVENTORY_RESERVED, "OMS", b.stage(StageTimes.RESERVE));
        b.at(INVENTORY_SYNCED, "INVENTORY", b.resume() + b.stage(StageTimes.SYNC));
        return b.active() ? Path.DC : Path.NONE;
    }

    private static void cancel(PlanBuilder b, Rng rng, String cause) {
        long at = b.resume() + rng.lognormal(30 * 60_000L, 0.6, 3 * 3_600_000L);
        b.at(EXCEPTION_RESOLVED, "OMS", at).error(BACKORDER, "order cancelled for lack of stock");
        b.cancel("BACKORDER", cause, "OMS", at - b.resume());
    }

    private static Path waitForStock(PlanBuilder b, long raisedAt, long wait, String cause, Path path) {
        b.effect(cause, "WAITING_FOR_STOCK", wait);
        b.at(EXCEPTION_RESOLVED, "OMS", raisedAt + wait).error(BACKORDER, "stock arrived");
        b.stallBeforeNext(cause, raisedAt + wait - b.resume(), false);
        return path;
    }
}
