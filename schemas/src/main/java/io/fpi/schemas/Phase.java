package io.fpi.schemas;

/** The fulfillment domain an activity belongs to; dashboards group by it. */
public enum Phase {
    CAPTURE, PAYMENT, SOURCING, INVENTORY, WAREHOUSE, STORE, SHIPPING, RETURNS, FINANCE, EXCEPTION, INTEGRATION, OTHER
}
