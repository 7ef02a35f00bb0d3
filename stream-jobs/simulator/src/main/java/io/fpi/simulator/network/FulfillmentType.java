package io.fpi.simulator.network;

import io.fpi.schemas.CanonicalActivity;

/**
 * The five fulfillment types. {@link #promiseMilestone()} is the milestone that {@code promised_by}
 * refers to: the delivery for shipped orders, "ready for pickup" for pickup orders (a retailer
 * promises "ready in 2 hours", not when the customer turns up).
 */
public enum FulfillmentType {
    SHIP_TO_HOME(false, false, CanonicalActivity.DELIVERED),
    SHIP_FROM_STORE(true, false, CanonicalActivity.DELIVERED),
    BOPIS(true, true, CanonicalActivity.READY_FOR_PICKUP),
    CURBSIDE(true, true, CanonicalActivity.READY_FOR_PICKUP),
    SAME_DAY(true, false, CanonicalActivity.DELIVERED);

    private final boolean storeSourced;
    private final boolean pickup;
    private final CanonicalActivity promiseMilestone;

    FulfillmentType(boolean storeSourced, boolean pickup, CanonicalActivity promiseMilestone) {
        this.storeSourced = storeSourced;
        this.pickup = pickup;
        this.promiseMilestone = promiseMilestone;
    }

    /** Sourced to a store by default (a DC otherwise). */
    public boolean storeSourced() {
        return storeSourced;
    }

    /** The customer collects at a store (BOPIS, CURBSIDE). */
    public boolean pickup() {
        return pickup;
    }

    public CanonicalActivity promiseMilestone() {
        return promiseMilestone;
    }
}
