package io.fpi.simulator.orders;

import io.fpi.simulator.network.Carrier;
import io.fpi.simulator.network.Channel;
import io.fpi.simulator.network.FulfillmentType;
import io.fpi.simulator.network.Node;
import io.fpi.simulator.network.Region;

/**
 * What is fixed when the customer places the order: channel, storefront, type, the customer's
 * region, service level, the pickup store (pickup types), the carrier the TMS will pick, units,
 * value and the promise.
 *
 * @param serviceLevel STANDARD, EXPRESS, SAME_DAY or PICKUP
 */
public record OrderProfile(
        long index,
        String orderId,
        Channel channel,
        String storefront,
        FulfillmentType type,
        Region region,
        String serviceLevel,
        Node pickupStore,
        Carrier carrier,
        int units,
        long amountMinor,
        long placedAtMs,
        long promisedByMs) {

    public boolean express() {
        return "EXPRESS".equals(serviceLevel);
    }
}
