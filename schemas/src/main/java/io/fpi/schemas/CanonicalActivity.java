package io.fpi.schemas;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The canonical activity vocabulary (documented in schemas/README.md).
 *
 * <p>{@code activity} on the wire stays an open string: imported logs bring their own names and are
 * treated as if every activity were a milestone. For canonical names this enum says which phase an
 * activity belongs to, whether it is a <em>milestone</em> (it moves the order into a new stage) and
 * which status it ends the order in, if any. Exceptions, integration failures, inventory syncs and
 * in-flight notifications are not milestones: they happen <em>during</em> a stage.
 */
public enum CanonicalActivity {
    ORDER_PLACED(Phase.CAPTURE, true, null),
    ORDER_MODIFIED(Phase.CAPTURE, false, null),
    ORDER_CANCELLED(Phase.CAPTURE, true, OrderStatus.CANCELLED),

    PAYMENT_AUTHORIZED(Phase.PAYMENT, true, null),
    PAYMENT_FAILED(Phase.PAYMENT, false, null),
    FRAUD_REVIEW_STARTED(Phase.PAYMENT, true, null),
    FRAUD_REVIEW_CLEARED(Phase.PAYMENT, true, null),

    ORDER_SOURCED(Phase.SOURCING, true, null),
    ORDER_SPLIT(Phase.SOURCING, false, null),
    ORDER_REROUTED(Phase.SOURCING, true, null),

    INVENTORY_RESERVED(Phase.INVENTORY, true, null),
    INVENTORY_SYNCED(Phase.INVENTORY, false, null),
    INVENTORY_SYNC_MISMATCH(Phase.INVENTORY, false, null),

    RELEASED_TO_WAREHOUSE(Phase.WAREHOUSE, true, null),
    WAVE_RELEASED(Phase.WAREHOUSE, true, null),
    PICKED(Phase.WAREHOUSE, true, null),
    PACKED(Phase.WAREHOUSE, true, null),

    STORE_PICK_STARTED(Phase.STORE, true, null),
    STORE_PICKED(Phase.STORE, true, null),
    READY_FOR_PICKUP(Phase.STORE, true, null),
    CUSTOMER_COLLECTED(Phase.STORE, true, OrderStatus.COMPLETED),
    PICKUP_NO_SHOW(Phase.STORE, true, null),

    LABEL_CREATED(Phase.SHIPPING, true, null),
    CARRIER_HANDOFF(Phase.SHIPPING, true, null),
    IN_TRANSIT(Phase.SHIPPING, false, null),
    OUT_FOR_DELIVERY(Phase.SHIPPING, true, null),
    DELIVERED(Phase.SHIPPING, true, OrderStatus.COMPLETED),
    DELIVERY_FAILED(Phase.SHIPPING, true, null),

    RETURN_INITIATED(Phase.RETURNS, true, null),
    RETURN_RECEIVED(Phase.RETURNS, true, null),
    REFUND_ISSUED(Phase.RETURNS, true, OrderStatus.RETURNED),

    INVOICED(Phase.FINANCE, false, null),
    PAYMENT_SETTLED(Phase.FINANCE, false, null),
    RECONCILIATION_MISMATCH(Phase.FINANCE, false, null),

    EXCEPTION_RAISED(Phase.EXCEPTION, false, null),
    EXCEPTION_RESOLVED(Phase.EXCEPTION, false, null),

    INTEGRATION_CALL_FAILED(Phase.INTEGRATION, false, null),
    INTEGRATION_CALL_RETRIED(Phase.INTEGRATION, false, null);

    /** Exception codes carried in {@code error_code} of EXCEPTION_RAISED / EXCEPTION_RESOLVED. */
    public static final String BACKORDER = "BACKORDER";
    public static final String SUBSTITUTION = "SUBSTITUTION";
    public static final String CUSTOMER_MODIFICATION = "CUSTOMER_MODIFICATION";
    public static final String FRAUD_HOLD = "FRAUD_HOLD";
    public static final String MANUAL_INTERVENTION = "MANUAL_INTERVENTION";

    private static final Map<String, CanonicalActivity> BY_NAME = new HashMap<>();

    static {
        for (CanonicalActivity a : values()) {
            BY_NAME.put(a.name(), a);
        }
    }

    private final Phase phase;
    private final boolean milestone;
    private final OrderStatus closesAs;

    CanonicalActivity(Phase phase, boolean milestone, OrderStatus closesAs) {
        this.phase = phase;
        this.milestone = milestone;
        this.closesAs = closesAs;
    }

    public Phase phase() {
        return phase;
    }

    public boolean milestone() {
        return milestone;
    }

    /** The status an order ends in when this activity happens, or null if it does not end it. */
    public OrderStatus closesAs() {
        return closesAs;
    }

    public static Optional<CanonicalActivity> of(String activity) {
        return Optional.ofNullable(activity == null ? null : BY_NAME.get(activity));
    }

    /** Non-canonical activities (imported logs) count as milestones: each one starts a stage. */
    public static boolean isMilestone(String activity) {
        CanonicalActivity a = BY_NAME.get(activity);
        return a == null || a.milestone;
    }
}
