package io.fpi.simulator.orders;

import static io.fpi.simulator.network.LocalClock.HOUR;
import static io.fpi.simulator.network.LocalClock.MINUTE;

import io.fpi.simulator.network.FulfillmentType;
import io.fpi.simulator.network.LocalClock;
import io.fpi.simulator.network.Region;
import io.fpi.simulator.random.Rng;

/**
 * promised_by per fulfillment type, in the customer's local time: BOPIS ready 2 h after the store
 * opens for the order, CURBSIDE at the booked slot, SAME_DAY 21:00 today (before the 14:00 cut-off)
 * or tomorrow, shipped orders by 20:00 on day +2..+5 by service level and cut-off.
 */
final class Promises {
    private static final long DELIVERY_END = 20 * HOUR;

    private Promises() {}

    static long promisedBy(FulfillmentType type, boolean express, long placed, Region r, Rng rng) {
        long tod = LocalClock.timeOfDay(placed, r);
        switch (type) {
            case BOPIS: {
                long ready = LocalClock.nextStoreOpen(placed, r) + 2 * HOUR;
                return LocalClock.timeOfDay(ready, r) <= LocalClock.STORE_CLOSE
                        ? ready : LocalClock.at(ready, r, 1, LocalClock.STORE_OPEN + 2 * HOUR);
            }
            case CURBSIDE: {
                long open = LocalClock.nextStoreOpen(placed, r);
                long slot = roundUp(open + 2 * HOUR + rng.between(0, 4) * 30 * MINUTE, 30 * MINUTE);
                return slot - LocalClock.midnight(open, r) <= 20 * HOUR + 30 * MINUTE
                        ? slot : LocalClock.at(open, r, 1, 11 * HOUR + rng.between(0, 6) * 30 * MINUTE);
            }
            case SAME_DAY:
                return LocalClock.at(placed, r, tod < 14 * HOUR ? 0 : 1, 21 * HOUR);
            case SHIP_FROM_STORE:
                return LocalClock.at(placed, r, express ? (tod < 12 * HOUR ? 2 : 3) : 4, DELIVERY_END);
            case SHIP_TO_HOME:
            default:
                return LocalClock.at(placed, r, express ? (tod < 14 * HOUR ? 2 : 3) : 5, DELIVERY_END);
        }
    }

    private static long roundUp(long t, long step) {
        return Math.floorDiv(t + step - 1, step) * step;
    }
}
