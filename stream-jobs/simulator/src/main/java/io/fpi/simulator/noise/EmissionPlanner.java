package io.fpi.simulator.noise;

import io.fpi.simulator.MalformedReason;
import io.fpi.simulator.RecordKind;
import io.fpi.simulator.orders.OrderPlan;
import io.fpi.simulator.random.Rng;
import io.fpi.simulator.random.Seeds;

/**
 * Decides when each of an order's records is emitted. In-order events go out at their event
 * time. A delayed event, a duplicate and a malformed copy all go out no later than event time +
 * maxDisorder, so no record is ever later than the bound the trace job tolerates. Noise uses its
 * own random stream per order: changing a rate does not change the orders.
 */
public final class EmissionPlanner {
    private static final MalformedReason[] REASONS = MalformedReason.values();

    private final long seed;
    private final NoiseSettings noise;

    public EmissionPlanner(long seed, NoiseSettings noise) {
        this.seed = seed;
        this.noise = noise;
    }

    public OrderEmissions plan(OrderPlan order) {
        Rng rng = Rng.of(seed, Seeds.NOISE, order.profile().index());
        int n = order.eventCount();
        OrderEmissions out = new OrderEmissions(n + 2);
        long max = noise.maxDisorderMs();
        for (int i = 0; i < n; i++) {
            long t = order.event(i).timeMs();
            long at = max > 0 && rng.chance(noise.outOfOrderRate()) ? t + rng.between(1, max + 1) : t;
            out.add(at, i, RecordKind.EVENT, null, 0);
            if (rng.chance(noise.duplicateRate())) {
                out.add(at + rng.between(0, t + max - at + 1), i, RecordKind.DUPLICATE, null, at);
            }
            if (rng.chance(noise.malformedRate())) {
                MalformedReason r = REASONS[rng.nextInt(REASONS.length)];
                out.add(at + rng.between(0, t + max - at + 1), i, RecordKind.MALFORMED, r, rng.nextLong());
            }
        }
        return out;
    }
}
