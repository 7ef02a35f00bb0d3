package io.fpi.simulator.orders;

import static io.fpi.schemas.CanonicalActivity.EXCEPTION_RAISED;
import static io.fpi.schemas.CanonicalActivity.EXCEPTION_RESOLVED;
import static io.fpi.schemas.CanonicalActivity.PACKED;
import static io.fpi.schemas.CanonicalActivity.STORE_PICKED;
import static io.fpi.schemas.CanonicalActivity.STORE_PICK_STARTED;
import static io.fpi.schemas.CanonicalActivity.SUBSTITUTION;

import io.fpi.simulator.network.FulfillmentType;
import io.fpi.simulator.network.LocalClock;
import io.fpi.simulator.network.Region;
import io.fpi.simulator.random.Rng;

/**
 * Store execution on the POS: pick (with substitutions and short picks) and, for shipped orders,
 * pack. Store work only progresses during store hours. SAME_DAY orders are picked expedited.
 */
final class StorePhase {
    static final double SUBSTITUTION_RATE = 0.04;
    static final double SHORT_PICK_RATE = 0.03;

    private StorePhase() {}

    static void pick(PlanBuilder b) {
        Rng rng = b.rng();
        Region r = b.node().region();
        boolean expedited = b.profile().type() == FulfillmentType.SAME_DAY;
        long queue = b.stage(expedited ? StageTimes.EXPRESS_QUEUE : StageTimes.STORE_QUEUE);
        long start = b.resume();
        queue += b.glitch("POS", "POS_SYNC_FAILED", start + queue / 2);
        b.milestoneAt(STORE_PICK_STARTED, "POS", LocalClock.storeWork(start, r, queue));
        long pick = b.stage(expedited ? StageTimes.EXPRESS_PICK : StageTimes.STORE_PICK);
        long started = b.resume();
        if (rng.chance(SUBSTITUTION_RATE)) {
            long raised = started + pick / 2;
            long resolved = raised + b.stage(StageTimes.EXCEPTION_SHORT);
            b.at(EXCEPTION_RAISED, "POS", raised).error(SUBSTITUTION, "item not on shelf; substitute offered");
            b.at(EXCEPTION_RESOLVED, "POS", resolved).error(SUBSTITUTION, "customer accepted substitute");
            pick += resolved - raised;
        }
        int units = b.profile().units();
        int fulfilled = units > 1 && rng.chance(SHORT_PICK_RATE) ? units - 1 - rng.nextInt(units - 1) : units;
        b.unitsFulfilled(fulfilled);
        b.milestoneAt(STORE_PICKED, "POS", LocalClock.storeWork(started, r, pick))
                .units(null, fulfilled)
                .cost(fulfilled * rng.lognormal(180, 0.3, 600));
    }

    static void pack(PlanBuilder b) {
        long start = b.resume();
        b.milestoneAt(PACKED, "POS", LocalClock.storeWork(start, b.node().region(), b.stage(StageTimes.STORE_PACK)))
                .cost(b.rng().lognormal(120, 0.3, 400));
    }
}
