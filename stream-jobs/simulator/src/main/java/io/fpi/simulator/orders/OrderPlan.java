package io.fpi.simulator.orders;

import io.fpi.simulator.network.Carrier;
import io.fpi.simulator.network.Node;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An order's complete story, decided at placement: its distinct events in event-time order plus
 * what was injected into it (stall, scenario effects, cancellation reason) for the ground truth.
 */
public final class OrderPlan {
    private final String dataset;
    private final OrderProfile profile;
    private final byte[] key;
    private final PlannedEvent[] events;
    private final Node initialNode;
    private final Node finalNode;
    private final Carrier carrier;
    private final StallInjection stall;
    private final List<Effect> effects;
    private final String cancelReason;
    private final String cancelCause;
    private final String deliveryFailure;
    private final String slowdownCause;

    OrderPlan(String dataset, OrderProfile profile, PlannedEvent[] events, Node initialNode, Node finalNode,
              Carrier carrier, StallInjection stall, List<Effect> effects, String cancelReason,
              String cancelCause, String deliveryFailure, String slowdownCause) {
        this.dataset = dataset;
        this.profile = profile;
        this.key = (dataset + "/" + profile.orderId()).getBytes(StandardCharsets.UTF_8);
        this.events = events;
        this.initialNode = initialNode;
        this.finalNode = finalNode;
        this.carrier = carrier;
        this.stall = stall;
        this.effects = List.copyOf(effects);
        this.cancelReason = cancelReason;
        this.cancelCause = cancelCause;
        this.deliveryFailure = deliveryFailure;
        this.slowdownCause = slowdownCause;
    }

    public String dataset() {
        return dataset;
    }

    public OrderProfile profile() {
        return profile;
    }

    public String orderId() {
        return profile.orderId();
    }

    /** UTF-8 of {@code dataset/order_id}; shared by every record of the order, do not modify. */
    public byte[] key() {
        return key;
    }

    public int eventCount() {
        return events.length;
    }

    public PlannedEvent event(int i) {
        return events[i];
    }

    /** The node first chosen (null if the order ended before sourcing). */
    public Node initialNode() {
        return initialNode;
    }

    /** The node that fulfilled (or last held) the order; differs from initial after a reroute. */
    public Node finalNode() {
        return finalNode;
    }

    /** Carrier of a shipped order, null for pickups. */
    public Carrier carrier() {
        return carrier;
    }

    public StallInjection stall() {
        return stall;
    }

    public List<Effect> effects() {
        return effects;
    }

    public String cancelReason() {
        return cancelReason;
    }

    public String cancelCause() {
        return cancelCause;
    }

    /** error_code of a DELIVERY_FAILED event, if the first attempt failed. */
    public String deliveryFailure() {
        return deliveryFailure;
    }

    /** The promotion peak that slowed this order's capacity-bound stages, if any. */
    public String slowdownCause() {
        return slowdownCause;
    }
}
