package io.fpi.simulator.orders;

import static io.fpi.schemas.CanonicalActivity.EXCEPTION_RAISED;
import static io.fpi.schemas.CanonicalActivity.EXCEPTION_RESOLVED;
import static io.fpi.schemas.CanonicalActivity.INVENTORY_RESERVED;
import static io.fpi.schemas.CanonicalActivity.MANUAL_INTERVENTION;
import static io.fpi.schemas.CanonicalActivity.ORDER_REROUTED;
import static io.fpi.schemas.CanonicalActivity.PACKED;
import static io.fpi.schemas.CanonicalActivity.PICKED;
import static io.fpi.schemas.CanonicalActivity.RELEASED_TO_WAREHOUSE;
import static io.fpi.schemas.CanonicalActivity.WAVE_RELEASED;

import io.fpi.simulator.network.Node;
import io.fpi.simulator.network.RetailNetwork;
import io.fpi.simulator.random.Rng;
import io.fpi.simulator.scenarios.ActiveScenario;

/**
 * DC execution: release to the WMS, wave, pick, pack. Under warehouse-wave-delay the DC's waves
 * stop until the window ends (plus a backlog), and some express orders are rerouted to a store.
 */
final class WarehousePhase {
    static final double MANUAL_INTERVENTION_RATE = 0.01;
    static final double SHORT_PICK_RATE = 0.03;
    /** Share of express orders stuck in a delayed wave that the OMS reroutes to a store. */
    static final double EXPRESS_REROUTE_RATE = 0.3;
    private static final long WAVE_SLOT = 30 * 60_000L;

    private WarehousePhase() {}

    /** Path.DC when the order left the DC packed, Path.STORE when rerouted to a store. */
    static Path run(PlanBuilder b, RetailNetwork network) {
        Rng rng = b.rng();
        long release = b.stage(StageTimes.RELEASE);
        release += b.glitch("WMS", "WMS_TIMEOUT", b.resume() + release / 2);
        b.milestone(RELEASED_TO_WAREHOUSE, "OMS", release);
        if (rng.chance(MANUAL_INTERVENTION_RATE * b.slowdown())) {
            long raised = b.resume() + rng.lognormal(5 * 60_000L, 0.5, 30 * 60_000L);
            long resolved = raised + b.stage(StageTimes.MANUAL_INTERVENTION);
            b.at(EXCEPTION_RAISED, "OMS", raised).error(MANUAL_INTERVENTION, "address validation failed");
            b.at(EXCEPTION_RESOLVED, "OMS", resolved).error(MANUAL_INTERVENTION, "address corrected by agent");
            b.advanceTo(resolved);
        }
        Node dc = b.node();
        long released = b.resume();
        ActiveScenario delay = b.scenarios().waveDelay(dc.id(), released);
        if (delay != null) {
            String cause = delay.name().cliName();
            if (b.profile().express() && rng.chance(EXPRESS_REROUTE_RATE)) {
                return rerouteToStore(b, network, cause);
            }
            long extra = delay.endMs() - released + Math.max(PlanBuilder.MIN_STALL_MS, rng.lognormal(
                    StageTimes.BACKLOG.medianMs(), StageTimes.BACKLOG.sigma(), StageTimes.BACKLOG.capMs()));
            b.effect(cause, "WAVE_DELAYED", extra);
            b.stallBeforeNext(cause, extra, false);
        }
        long wave = b.stage(StageTimes.WAVE);
        long waveTime = b.resume() + wave;
        b.milestone(WAVE_RELEASED, "WMS", wave).attr("wave_id", "W-" + dc.id().substring(3) + "-" + waveTime / WAVE_SLOT);
        int units = b.profile().units();
        int fulfilled = units > 1 && rng.chance(SHORT_PICK_RATE) ? units - 1 - rng.nextInt(units - 1) : units;
        b.unitsFulfilled(fulfilled);
        b.milestone(PICKED, "WMS", b.stage(StageTimes.DC_PICK))
                .units(null, fulfilled)
                .cost(fulfilled * rng.lognormal(40, 0.3, 150));
        b.milestone(PACKED, "WMS", b.stage(StageTimes.DC_PACK)).cost(rng.lognormal(90, 0.3, 300));
        return Path.DC;
    }

    private static Path rerouteToStore(PlanBuilder b, RetailNetwork network, String cause) {
        Node store = network.randomStore(b.node().region(), b.rng());
        String from = b.node().id();
        b.effect(cause, "REROUTED_TO_STORE", 0);
        b.node(store);
        b.milestone(ORDER_REROUTED, "OMS", b.rng().lognormal(75 * 60_000L, 0.4, 3 * 3_600_000L)).attr("from_node", from);
        b.milestone(INVENTORY_RESERVED, "INVENTORY", b.stage(StageTimes.RESERVE));
        return b.active() ? Path.STORE : Path.NONE;
    }
}
