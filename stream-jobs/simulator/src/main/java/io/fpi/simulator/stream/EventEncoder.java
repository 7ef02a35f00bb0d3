package io.fpi.simulator.stream;

import io.fpi.schemas.EventCodec;
import io.fpi.schemas.FulfillmentEvent;
import io.fpi.simulator.MalformedReason;
import io.fpi.simulator.network.Node;
import io.fpi.simulator.orders.OrderPlan;
import io.fpi.simulator.orders.OrderProfile;
import io.fpi.simulator.orders.PlannedEvent;
import io.fpi.simulator.random.Rng;
import java.util.Arrays;

/** Turns planned events into FulfillmentEvents and EventCodec bytes, and makes the bad bytes. */
final class EventEncoder {
    static final String CURRENCY = "USD";

    private final EventCodec codec = new EventCodec();

    FulfillmentEvent toEvent(OrderPlan plan, PlannedEvent e, long ingestTime) {
        OrderProfile p = plan.profile();
        FulfillmentEvent f = new FulfillmentEvent();
        f.setEventId(e.eventId());
        f.setDataset(plan.dataset());
        f.setOrderId(p.orderId());
        f.setActivity(e.activity().name());
        f.setEventTime(e.timeMs());
        f.setIngestTime(ingestTime);
        f.setSourceSystem(e.source());
        f.setChannel(p.channel().name());
        f.setFulfillmentType(p.type().name());
        Node node = e.node();
        f.setNodeId(node == null ? null : node.id());
        f.setRegion(node == null ? null : node.region().name());
        f.setPromisedBy(e.promisedBy());
        f.setUnitsOrdered(e.unitsOrdered());
        f.setUnitsFulfilled(e.unitsFulfilled());
        f.setAmountMinor(e.amountMinor());
        f.setCostMinor(e.costMinor());
        f.setCurrency(e.amountMinor() != null || e.costMinor() != null ? CURRENCY : null);
        f.setErrorCode(e.errorCode());
        f.setErrorReason(e.errorReason());
        f.setAttributes(e.attributes());
        f.setSequence((long) e.index());
        return f;
    }

    byte[] encode(FulfillmentEvent f) {
        return codec.encode(f);
    }

    /** Bad bytes for {@code reason}, derived from a real event; {@code seed} makes them repeatable. */
    byte[] malformed(FulfillmentEvent base, MalformedReason reason, long seed) {
        Rng rng = new Rng(seed);
        switch (reason) {
            case GARBAGE: {
                byte[] b = new byte[8 + rng.nextInt(120)];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) rng.nextInt(256);
                }
                if (b[0] == (byte) 0xC3) {
                    b[0] = 0x00; // never accidentally a valid header
                }
                return b;
            }
            case BAD_MAGIC: {
                byte[] b = codec.encode(base);
                if (rng.chance(0.5)) {
                    b[0] = '{'; // looks like someone sent JSON
                } else {
                    b[1] = 0x02; // an unknown format version
                }
                return b;
            }
            case TRUNCATED: {
                byte[] b = codec.encode(base);
                return Arrays.copyOf(b, 10 + rng.nextInt(b.length - 10)); // header intact, body cut
            }
            case EMPTY_ORDER_ID: {
                FulfillmentEvent bad = FulfillmentEvent.newBuilder(base).setOrderId("").setEventId(base.getEventId() + "-bad").build();
                bad.setAttributes(base.getAttributes()); // keep the ordered map: bytes must repeat
                return codec.encode(bad);
            }
            case NON_POSITIVE_EVENT_TIME:
            default: {
                long t = rng.chance(0.5) ? 0 : -1 - rng.between(0, 86_400_000L);
                FulfillmentEvent bad = FulfillmentEvent.newBuilder(base).setEventTime(t).setEventId(base.getEventId() + "-bad").build();
                bad.setAttributes(base.getAttributes());
                return codec.encode(bad);
            }
        }
    }
}
