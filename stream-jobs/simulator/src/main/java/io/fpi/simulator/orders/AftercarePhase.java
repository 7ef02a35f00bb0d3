package io.fpi.simulator.orders;

import static io.fpi.schemas.CanonicalActivity.INTEGRATION_CALL_FAILED;
import static io.fpi.schemas.CanonicalActivity.INTEGRATION_CALL_RETRIED;
import static io.fpi.schemas.CanonicalActivity.INVOICED;
import static io.fpi.schemas.CanonicalActivity.PAYMENT_SETTLED;
import static io.fpi.schemas.CanonicalActivity.RECONCILIATION_MISMATCH;
import static io.fpi.schemas.CanonicalActivity.REFUND_ISSUED;
import static io.fpi.schemas.CanonicalActivity.RETURN_INITIATED;
import static io.fpi.schemas.CanonicalActivity.RETURN_RECEIVED;

import io.fpi.simulator.network.LocalClock;
import io.fpi.simulator.random.Rng;
import io.fpi.simulator.scenarios.ActiveScenario;

/**
 * Finance and returns: the ERP invoice when the order ships (or is collected), settlement and
 * reconciliation, and returns after completion. Everything here lands within ~24 h of
 * completion, so the trace job still holds the order. Under
 * erp-sync-lag the invoice waits for the ERP to recover (ERP_TIMEOUT failures meanwhile) and
 * reconciliation mismatches become common.
 */
final class AftercarePhase {
    static final double MISMATCH_RATE = 0.007;
    static final double LAG_MISMATCH_RATE = 0.2;
    static final double SHIPPED_RETURN_RATE = 0.09;
    static final double PICKUP_RETURN_RATE = 0.04;
    private static final long MINUTE = LocalClock.MINUTE;
    private static final long HOUR = LocalClock.HOUR;

    private AftercarePhase() {}

    static void run(PlanBuilder b) {
        long completed = b.completedAt();
        long billable = b.shippedAt() >= 0 ? b.shippedAt() : completed;
        if (billable < 0 || !b.active()) {
            return;
        }
        Rng rng = b.rng();
        long amount = b.profile().amountMinor();
        long invoice = billable + b.stage(StageTimes.INVOICE);
        invoice += b.glitch("ERP", "ERP_TIMEOUT", billable + (invoice - billable) / 2);
        ActiveScenario lag = b.scenarios().erpLag(invoice);
        if (lag != null) {
            invoice = erpLag(b, lag, invoice);
        }
        b.at(INVOICED, "ERP", invoice).amount(amount).attr("invoice_id", "INV-" + b.profile().orderId().substring(4));
        long settled = invoice + b.stage(StageTimes.SETTLE);
        b.at(PAYMENT_SETTLED, "FINANCE", settled).amount(amount);
        if (rng.chance(lag != null ? LAG_MISMATCH_RATE : MISMATCH_RATE)) {
            if (lag != null) {
                b.effect(lag.name().cliName(), "RECONCILIATION_MISMATCH", 0);
            }
            long diff = Math.max(1, amount / (5 + rng.nextInt(20)));
            b.at(RECONCILIATION_MISMATCH, "FINANCE", settled + rng.lognormal(40 * MINUTE, 0.5, 3 * HOUR))
                    .amount(diff).error("AMOUNT_MISMATCH", "settled amount differs from ERP invoice");
        }
        if (completed >= 0 && rng.chance(b.profile().type().pickup() ? PICKUP_RETURN_RATE : SHIPPED_RETURN_RATE)) {
            returnOrder(b, rng, completed, amount);
        }
    }

    /** ERP_TIMEOUT failures until the ERP recovers, then the invoice posts with the backlog. */
    private static long erpLag(PlanBuilder b, ActiveScenario lag, long invoice) {
        Rng rng = b.rng();
        int failures = 1 + rng.nextInt(3);
        long f = invoice;
        for (int i = 0; i < failures && f < lag.endMs(); i++) {
            b.at(INTEGRATION_CALL_FAILED, "ERP", f).error("ERP_TIMEOUT", "ERP invoice posting timed out").attr("target", "ERP");
            b.at(INTEGRATION_CALL_RETRIED, "ERP", f + rng.between(MINUTE, 5 * MINUTE)).attr("target", "ERP");
            f += rng.between(30 * MINUTE, 90 * MINUTE);
        }
        long posted = lag.endMs() + rng.lognormal(HOUR, 0.6, 4 * HOUR);
        b.effect(lag.name().cliName(), "INVOICE_DELAYED", posted - invoice);
        return posted;
    }

    private static void returnOrder(PlanBuilder b, Rng rng, long completed, long amount) {
        boolean inStore = b.node() != null && b.node().store() && rng.chance(0.5);
        long initiated = completed + rng.between(2 * HOUR, 16 * HOUR);
        b.at(RETURN_INITIATED, inStore ? "POS" : "ECOM", initiated).attr("return_reason", rng.chance(0.6) ? "size_or_fit" : "not_as_described");
        long received = initiated + (inStore ? rng.lognormal(5 * MINUTE, 0.5, 30 * MINUTE) : b.stage(StageTimes.RETURN_TRANSIT));
        b.at(RETURN_RECEIVED, inStore ? "POS" : "WMS", received);
        long refund = rng.chance(0.7) ? amount : Math.max(1, amount / 2);
        b.at(REFUND_ISSUED, "PAYMENT", received + b.stage(StageTimes.REFUND)).amount(refund);
    }
}
