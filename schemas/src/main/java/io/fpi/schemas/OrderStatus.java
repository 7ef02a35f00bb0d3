package io.fpi.schemas;

/** Lifecycle status of an order's trace, as written to ClickHouse (lower case). */
public enum OrderStatus {
    OPEN, COMPLETED, CANCELLED, RETURNED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
