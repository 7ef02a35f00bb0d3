package io.fpi.simulator.orders;

import static io.fpi.schemas.CanonicalActivity.DELIVERED;
import static io.fpi.schemas.CanonicalActivity.DELIVERY_FAILED;
import static io.fpi.schemas.CanonicalActivity.IN_TRANSIT;
import static io.fpi.schemas.CanonicalActivity.OUT_FOR_DELIVERY;

import io.fpi.simulator.network.LocalClock;
import io.fpi.simulator.network.Region;
import io.fpi.simulator.random.Rng;

/**
 * Carrier transit and delivery: transit days by service level and origin, tracking scans, out for
 * delivery in the morning of the delivery day, delivered within the day's route; failed attempts
 * are re-attempted the next day or returned to sender (cancelled).
 */
final class LastMile {
    static final double PARCEL_FAILURE_RATE = 0.02;
    static final double PARCEL_REATTEMPT = 0.75;
    private static final double[] DC_STANDARD = {0, 0.15, 0.42, 0.30, 0.10, 0.03};
    private static final double[] DC_EXPRESS = {0, 0.88, 0.10, 0.02};
    private static final double[] STORE_STANDARD = {0, 0.30, 0.45, 0.20, 0.05};
    private static final double[] STORE_EXPRESS = {0, 0.85, 0.15};
    private static final String[] FAILURES = {"CUSTOMER_UNAVAILABLE", "ADDRESS_NOT_FOUND", "NO_SAFE_PLACE"};
    private static final long MINUTE = LocalClock.MINUTE;

    private LastMile() {}

    static void parcel(PlanBuilder b, boolean express, boolean fromStore) {
        Rng rng = b.rng();
        Region customer = b.profile().region();
        long handoff = b.resume();
        int days = rng.weighted(fromStore ? (express ? STORE_EXPRESS : STORE_STANDARD) : (express ? DC_EXPRESS : DC_STANDARD));
        if (b.node().region() != customer) {
            days++;
        }
        if (LocalClock.timeOfDay(handoff, customer) >= 20 * LocalClock.HOUR) {
            days++; // missed the evening line-haul
        }
        long firstScan = handoff + b.stage(StageTimes.FIRST_SCAN);
        b.at(IN_TRANSIT, "CARRIER", firstScan).attr("scan", "departed origin facility");
        long ofd = morning(firstScan, customer, days, rng, handoff);
        if (days >= 2 && ofd - firstScan > 8 * LocalClock.HOUR) {
            b.at(IN_TRANSIT, "CARRIER", rng.between(firstScan + LocalClock.HOUR, ofd - 4 * LocalClock.HOUR))
                    .attr("scan", "arrived at destination hub");
        }
        b.milestoneAt(OUT_FOR_DELIVERY, "CARRIER", ofd);
        attempt(b, b.stage(StageTimes.DELIVERY_ROUTE), PARCEL_FAILURE_RATE, PARCEL_REATTEMPT);
    }

    /** The delivery attempt {@code routeMs} after going out; failure re-attempts the next morning. */
    static void attempt(PlanBuilder b, long routeMs, double failureRate, double reattempt) {
        Rng rng = b.rng();
        if (rng.chance(failureRate)) {
            String code = FAILURES[rng.nextInt(FAILURES.length)];
            b.milestone(DELIVERY_FAILED, "CARRIER", routeMs).error(code, "delivery attempt failed");
            b.deliveryFailed(code);
            if (!rng.chance(reattempt)) {
                b.cancel("DELIVERY_FAILED", "base", "OMS", rng.lognormal(20 * 60 * MINUTE, 0.3, 30 * 60 * MINUTE));
                return;
            }
            long failed = b.resume();
            b.milestoneAt(OUT_FOR_DELIVERY, "CARRIER", morning(failed, b.profile().region(), 1, rng, failed));
            routeMs = b.stage(StageTimes.DELIVERY_ROUTE);
        }
        b.milestone(DELIVERED, "CARRIER", routeMs).units(null, b.unitsFulfilled());
    }

    /** 07:30-09:00 local, {@code days} after {@code from}'s day, and after {@code notBefore} + 1 h. */
    private static long morning(long from, Region r, int days, Rng rng, long notBefore) {
        long t = LocalClock.at(from, r, days, 7 * LocalClock.HOUR + 30 * MINUTE) + rng.between(0, 90 * MINUTE);
        while (t < notBefore + LocalClock.HOUR) {
            t += LocalClock.DAY;
        }
        return t;
    }
}
