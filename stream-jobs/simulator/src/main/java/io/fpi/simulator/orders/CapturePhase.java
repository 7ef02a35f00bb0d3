package io.fpi.simulator.orders;

import static io.fpi.schemas.CanonicalActivity.CUSTOMER_MODIFICATION;
import static io.fpi.schemas.CanonicalActivity.EXCEPTION_RAISED;
import static io.fpi.schemas.CanonicalActivity.EXCEPTION_RESOLVED;
import static io.fpi.schemas.CanonicalActivity.FRAUD_HOLD;
import static io.fpi.schemas.CanonicalActivity.FRAUD_REVIEW_CLEARED;
import static io.fpi.schemas.CanonicalActivity.FRAUD_REVIEW_STARTED;
import static io.fpi.schemas.CanonicalActivity.ORDER_MODIFIED;
import static io.fpi.schemas.CanonicalActivity.PAYMENT_AUTHORIZED;
import static io.fpi.schemas.CanonicalActivity.PAYMENT_FAILED;

import io.fpi.simulator.random.Rng;

/** Order capture and payment: placement, customer modification, payment failure, fraud review. */
final class CapturePhase {
    static final double MODIFICATION_RATE = 0.02;
    static final double PAYMENT_FAILURE_RATE = 0.02;
    static final double PAYMENT_FAILURE_CANCELS = 0.3;
    static final double FRAUD_REVIEW_RATE = 0.025;
    static final double FRAUD_REJECTS = 0.12;
    private static final String[] DECLINES = {"CARD_DECLINED", "INSUFFICIENT_FUNDS", "AVS_MISMATCH"};

    private CapturePhase() {}

    static void run(PlanBuilder b) {
        OrderProfile p = b.profile();
        Rng rng = b.rng();
        String capture = p.channel().captureSystem();
        PlannedEvent placed = b.placed(capture)
                .units(p.units(), null)
                .amount(p.amountMinor())
                .promisedBy(p.promisedByMs())
                .attr("storefront", p.storefront())
                .attr("service_level", p.serviceLevel());
        if (p.pickupStore() != null) {
            placed.attr("pickup_store", p.pickupStore().id());
        }
        if (rng.chance(MODIFICATION_RATE)) {
            long m = p.placedAtMs() + rng.lognormal(8 * 60_000L, 0.7, 45 * 60_000L);
            b.at(ORDER_MODIFIED, capture, m).attr("change", rng.chance(0.5) ? "address" : "quantity");
            b.at(EXCEPTION_RAISED, "OMS", m + 1_000).error(CUSTOMER_MODIFICATION, "order changed after placement");
            b.at(EXCEPTION_RESOLVED, "OMS", m + b.stage(StageTimes.EXCEPTION_SHORT)).error(CUSTOMER_MODIFICATION, "change applied");
        }
        if (!payment(b, rng)) {
            return;
        }
        if (rng.chance(FRAUD_REVIEW_RATE)) {
            fraudReview(b, rng);
        }
    }

    /** False when the payment failed for good (order cancelled). */
    private static boolean payment(PlanBuilder b, Rng rng) {
        if (rng.chance(PAYMENT_FAILURE_RATE)) {
            long failed = b.resume() + b.stage(StageTimes.PAYMENT_AUTH);
            b.at(PAYMENT_FAILED, "PAYMENT", failed).error(DECLINES[rng.nextInt(DECLINES.length)], "authorization declined");
            b.advanceTo(failed);
            if (rng.chance(PAYMENT_FAILURE_CANCELS)) {
                b.cancel("PAYMENT_DECLINED", "base", "OMS", rng.lognormal(45 * 60_000L, 0.6, 3 * 3_600_000L));
                return false;
            }
            b.advanceTo(failed + b.stage(StageTimes.PAYMENT_RETRY));
        }
        long wait = b.stage(StageTimes.PAYMENT_AUTH);
        wait += b.glitch("PAYMENT", "PAYMENT_GATEWAY_TIMEOUT", b.resume() + wait / 2);
        b.milestone(PAYMENT_AUTHORIZED, "PAYMENT", wait).amount(b.profile().amountMinor());
        return b.active();
    }

    private static void fraudReview(PlanBuilder b, Rng rng) {
        b.milestone(FRAUD_REVIEW_STARTED, "PAYMENT", rng.lognormal(60_000L, 0.5, 10 * 60_000L));
        long started = b.resume();
        b.at(EXCEPTION_RAISED, "OMS", started + 2_000).error(FRAUD_HOLD, "order held for manual fraud review");
        long review = b.stage(StageTimes.FRAUD_REVIEW);
        if (rng.chance(FRAUD_REJECTS)) {
            b.at(EXCEPTION_RESOLVED, "OMS", started + review).error(FRAUD_HOLD, "fraud review rejected the order");
            b.cancel("FRAUD_REJECTED", "base", "OMS", review);
            return;
        }
        b.milestone(FRAUD_REVIEW_CLEARED, "PAYMENT", review);
        b.at(EXCEPTION_RESOLVED, "OMS", b.resume() + 1_000).error(FRAUD_HOLD, "fraud review cleared");
    }
}
