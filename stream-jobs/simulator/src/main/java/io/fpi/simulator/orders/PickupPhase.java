package io.fpi.simulator.orders;

import static io.fpi.schemas.CanonicalActivity.CUSTOMER_COLLECTED;
import static io.fpi.schemas.CanonicalActivity.PICKUP_NO_SHOW;
import static io.fpi.schemas.CanonicalActivity.READY_FOR_PICKUP;

import io.fpi.simulator.network.FulfillmentType;
import io.fpi.simulator.network.LocalClock;
import io.fpi.simulator.network.Region;
import io.fpi.simulator.random.Rng;

/**
 * Store pickup: ready, then the customer collects (BOPIS: hours later, within store hours;
 * CURBSIDE: around the booked slot) or does not show within the 48 h hold (cancelled).
 */
final class PickupPhase {
    static final double BOPIS_NO_SHOW_RATE = 0.03;
    static final double CURBSIDE_NO_SHOW_RATE = 0.02;
    static final long HOLD_MS = 48 * LocalClock.HOUR;

    private PickupPhase() {}

    static void run(PlanBuilder b) {
        Rng rng = b.rng();
        Region r = b.node().region();
        boolean curbside = b.profile().type() == FulfillmentType.CURBSIDE;
        long start = b.resume();
        b.milestoneAt(READY_FOR_PICKUP, "POS", LocalClock.storeWork(start, r, b.stage(StageTimes.READY)))
                .attr("pickup_mode", curbside ? "curbside" : "in_store");
        b.pointOfNoReturn();
        long ready = b.resume();
        if (rng.chance(curbside ? CURBSIDE_NO_SHOW_RATE : BOPIS_NO_SHOW_RATE)) {
            b.milestoneAt(PICKUP_NO_SHOW, "POS", LocalClock.nextStoreOpen(ready + HOLD_MS, r));
            b.cancel("PICKUP_NO_SHOW", "base", "OMS", rng.lognormal(10 * 60_000L, 0.5, 60 * 60_000L));
            return;
        }
        long collected;
        if (curbside) {
            long slot = b.profile().promisedByMs();
            collected = Math.max(ready + rng.lognormal(5 * 60_000L, 0.5, 30 * 60_000L),
                    slot + rng.between(-10 * 60_000L, 25 * 60_000L));
        } else {
            collected = LocalClock.storeWork(ready, r, b.stage(StageTimes.BOPIS_COLLECT));
        }
        b.milestoneAt(CUSTOMER_COLLECTED, "POS", collected).units(null, b.unitsFulfilled());
    }
}
