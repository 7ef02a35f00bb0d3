package io.fpi.simulator.orders;

import static io.fpi.schemas.CanonicalActivity.CARRIER_HANDOFF;
import static io.fpi.schemas.CanonicalActivity.INTEGRATION_CALL_FAILED;
import static io.fpi.schemas.CanonicalActivity.INTEGRATION_CALL_RETRIED;
import static io.fpi.schemas.CanonicalActivity.LABEL_CREATED;
import static io.fpi.schemas.CanonicalActivity.OUT_FOR_DELIVERY;

import io.fpi.simulator.network.Carrier;
import io.fpi.simulator.network.LocalClock;
import io.fpi.simulator.network.Node;
import io.fpi.simulator.network.Region;
import io.fpi.simulator.random.Rng;
import io.fpi.simulator.scenarios.ActiveScenario;

/**
 * Label and carrier handoff, for parcels (DC or store origin) and the same-day courier. Under
 * carrier-outage the chosen carrier's pickup API fails (CARRIER_API_5XX) until the window ends:
 * the handoff waits for the backlog after recovery, or never happens for a share of orders.
 */
final class ShippingPhase {
    /** Share of outage-hit orders whose handoff never happens (label lost in the backlog). */
    static final double OUTAGE_LOST_RATE = 0.12;
    private static final long MINUTE = LocalClock.MINUTE;
    private static final long STORE_PICKUP = 16 * LocalClock.HOUR;

    private ShippingPhase() {}

    static void parcel(PlanBuilder b) {
        Rng rng = b.rng();
        if (b.carrier() == null || !b.carrier().parcel()) {
            b.carrier(Carrier.drawParcel(rng));
        }
        Carrier carrier = b.carrier();
        Node origin = b.node();
        long label = b.stage(StageTimes.LABEL);
        label += b.glitch("TMS", "TMS_LABEL_API_5XX", b.resume() + label / 2);
        boolean express = b.profile().express() || b.profile().type() == io.fpi.simulator.network.FulfillmentType.SAME_DAY;
        b.milestone(LABEL_CREATED, "TMS", label)
                .attr("carrier", carrier.name())
                .attr("tracking_id", trackingId(carrier, b.profile()))
                .cost(express ? rng.lognormal(1650, 0.3, 4000) : rng.lognormal(750, 0.3, 2500));
        b.pointOfNoReturn();
        long labelled = b.resume();
        long handoff = origin.store() ? storePickup(labelled, origin.region(), rng) : labelled + b.stage(StageTimes.DC_HANDOFF);
        handoff += b.glitch("CARRIER", "CARRIER_API_5XX", labelled + (handoff - labelled) / 2);
        ActiveScenario outage = b.scenarios().carrierOutage(carrier, labelled);
        if (outage == null) {
            outage = b.scenarios().carrierOutage(carrier, handoff);
        }
        if (outage != null) {
            handoff = outage(b, outage, labelled, handoff);
            if (handoff < 0) {
                return;
            }
        }
        b.milestoneAt(CARRIER_HANDOFF, "CARRIER", handoff).attr("carrier", carrier.name());
        b.shipped(b.resume());
        LastMile.parcel(b, express, origin.store());
    }

    /**
     * The handoff time to use after an outage (-1: it never happens). The handoff waits for
     * recovery plus backlog; a wait of at least 30 min ({@code PlanBuilder.MIN_STALL_MS}) is labelled a stall.
     */
    private static long outage(PlanBuilder b, ActiveScenario outage, long labelled, long naturalHandoff) {
        Rng rng = b.rng();
        String cause = outage.name().cliName();
        String carrier = b.carrier().name();
        long f = Math.max(labelled, outage.startMs()) + rng.lognormal(5 * MINUTE, 0.5, 20 * MINUTE);
        f = Math.min(f, outage.endMs() - 1);
        for (int n = 0; n < 12 && f < outage.endMs(); n++) {
            b.at(INTEGRATION_CALL_FAILED, "CARRIER", f).error("CARRIER_API_5XX", "pickup manifest API returned 503")
                    .attr("carrier", carrier).attr("target", "CARRIER");
            long retry = f + rng.between(10 * MINUTE, 30 * MINUTE); // the TMS retries with backoff
            if (retry < outage.endMs()) {
                b.at(INTEGRATION_CALL_RETRIED, "CARRIER", retry).attr("carrier", carrier).attr("target", "CARRIER");
            }
            f = retry + rng.between(5_000, 30_000); // the retried call times out again
        }
        if (rng.chance(OUTAGE_LOST_RATE)) {
            b.effect(cause, "HANDOFF_MISSING", 0);
            b.stallBeforeNext(cause, 0, true);
            return -1;
        }
        long recovered = outage.endMs() + rng.lognormal(2 * 60 * MINUTE, 0.6, 8 * 60 * MINUTE);
        long handoff = Math.max(naturalHandoff, recovered);
        b.at(INTEGRATION_CALL_RETRIED, "CARRIER", handoff - rng.between(MINUTE, 10 * MINUTE))
                .attr("carrier", carrier).attr("target", "CARRIER");
        long extra = handoff - naturalHandoff;
        b.effect(cause, "HANDOFF_DELAYED", extra);
        if (extra < PlanBuilder.MIN_STALL_MS) {
            return handoff; // the carrier's backlog barely touched this one: no stall
        }
        b.stallBeforeNext(cause, extra, false); // pushes the handoff at its natural time by extra
        return naturalHandoff;
    }

    /** Stores hand parcels to the carrier at the daily 16:00 pickup (if labelled by 15:30). */
    private static long storePickup(long labelled, Region r, Rng rng) {
        long today = LocalClock.at(labelled, r, 0, STORE_PICKUP);
        long slot = labelled <= today - 30 * MINUTE ? today : LocalClock.at(labelled, r, 1, STORE_PICKUP);
        return slot + rng.lognormal(20 * MINUTE, 0.5, 90 * MINUTE);
    }

    static void courier(PlanBuilder b) {
        Rng rng = b.rng();
        b.carrier(Carrier.METROCOURIER);
        Region r = b.node().region();
        b.milestone(LABEL_CREATED, "TMS", b.stage(StageTimes.LABEL))
                .attr("carrier", Carrier.METROCOURIER.name())
                .attr("tracking_id", trackingId(Carrier.METROCOURIER, b.profile()))
                .cost(rng.lognormal(1100, 0.25, 3000));
        b.pointOfNoReturn();
        long labelled = b.resume();
        long base = LocalClock.timeOfDay(labelled, r) < 17 * LocalClock.HOUR
                ? labelled : LocalClock.at(labelled, r, 1, 10 * LocalClock.HOUR);
        b.milestoneAt(CARRIER_HANDOFF, "CARRIER", base + b.stage(StageTimes.COURIER_HANDOFF))
                .attr("carrier", Carrier.METROCOURIER.name());
        b.shipped(b.resume());
        b.milestone(OUT_FOR_DELIVERY, "CARRIER", rng.lognormal(8 * MINUTE, 0.5, 30 * MINUTE));
        LastMile.attempt(b, b.stage(StageTimes.COURIER_DRIVE), 0.01, 0.6);
    }

    private static String trackingId(Carrier c, OrderProfile p) {
        return c.name().substring(0, 2) + Long.toString(p.index() * 7919 + p.placedAtMs() % 100_000, 36).toUpperCase();
    }
}
