package io.fpi.simulator.orders;

import io.fpi.schemas.CanonicalActivity;
import io.fpi.simulator.network.Node;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event of an order's plan, before it is turned into a {@code FulfillmentEvent} at emission.
 * Compact on purpose: a run keeps every in-flight order's plan in memory.
 */
public final class PlannedEvent {
    private final CanonicalActivity activity;
    private final long timeMs;
    private final String source;
    private final Node node;
    private final int creation;
    private int index = -1;
    private String eventId;
    private Integer unitsOrdered;
    private Integer unitsFulfilled;
    private Long promisedBy;
    private Long amountMinor;
    private Long costMinor;
    private String errorCode;
    private String errorReason;
    private Map<String, String> attributes;

    PlannedEvent(CanonicalActivity activity, long timeMs, String source, Node node, int creation) {
        this.activity = activity;
        this.timeMs = timeMs;
        this.source = source;
        this.node = node;
        this.creation = creation;
    }

    PlannedEvent units(Integer ordered, Integer fulfilled) {
        this.unitsOrdered = ordered;
        this.unitsFulfilled = fulfilled;
        return this;
    }

    PlannedEvent promisedBy(long t) {
        this.promisedBy = t;
        return this;
    }

    PlannedEvent amount(long minor) {
        this.amountMinor = minor;
        return this;
    }

    PlannedEvent cost(long minor) {
        this.costMinor = minor;
        return this;
    }

    PlannedEvent error(String code, String reason) {
        this.errorCode = code;
        this.errorReason = reason;
        return this;
    }

    /** Attributes keep insertion order: Avro writes maps in iteration order, and bytes must repeat. */
    PlannedEvent attr(String key, String value) {
        if (attributes == null) {
            attributes = new LinkedHashMap<>(4);
        }
        attributes.put(key, value);
        return this;
    }

    void assign(int index, String eventId) {
        this.index = index;
        this.eventId = eventId;
    }

    int creation() {
        return creation;
    }

    public CanonicalActivity activity() {
        return activity;
    }

    public long timeMs() {
        return timeMs;
    }

    public String source() {
        return source;
    }

    /** The fulfilling node when the event happened; null before the order is sourced. */
    public Node node() {
        return node;
    }

    /** Position in event-time order within the order; also the event's {@code sequence}. */
    public int index() {
        return index;
    }

    public String eventId() {
        return eventId;
    }

    public Integer unitsOrdered() {
        return unitsOrdered;
    }

    public Integer unitsFulfilled() {
        return unitsFulfilled;
    }

    public Long promisedBy() {
        return promisedBy;
    }

    public Long amountMinor() {
        return amountMinor;
    }

    public Long costMinor() {
        return costMinor;
    }

    public String errorCode() {
        return errorCode;
    }

    public String errorReason() {
        return errorReason;
    }

    public Map<String, String> attributes() {
        return attributes == null ? Collections.emptyMap() : attributes;
    }
}
