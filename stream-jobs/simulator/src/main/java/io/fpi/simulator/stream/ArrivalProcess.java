package io.fpi.simulator.stream;

import io.fpi.simulator.random.Rng;
import io.fpi.simulator.random.Seeds;
import io.fpi.simulator.scenarios.Scenarios;

/**
 * Order placements as a Poisson process in simulated time whose rate is piecewise constant
 * (promotion peaks multiply it). The inter-arrival is drawn once as Exp(1) "work" and spent across
 * rate changes, which keeps the process exact at window edges.
 */
final class ArrivalProcess {
    private final Rng rng;
    private final Scenarios scenarios;
    private final double baseRatePerMs;
    private final long endMs;
    private final long maxOrders;
    private long created;
    private long next;

    /**
     * @param maxOrders 0 for unbounded
     * @param endMs no placement at or after this simulated time (Long.MAX_VALUE for none)
     */
    ArrivalProcess(long seed, Scenarios scenarios, double ordersPerSimSecond, long startMs, long endMs, long maxOrders) {
        this.rng = Rng.of(seed, Seeds.ARRIVALS);
        this.scenarios = scenarios;
        this.baseRatePerMs = ordersPerSimSecond / 1000.0;
        this.endMs = endMs;
        this.maxOrders = maxOrders;
        this.next = advance(startMs);
    }

    boolean hasNext() {
        return (maxOrders <= 0 || created < maxOrders) && next < endMs;
    }

    long peek() {
        return next;
    }

    /** The next placement time; its order index is the number of orders taken before. */
    long take() {
        long t = next;
        created++;
        next = advance(t);
        return t;
    }

    long created() {
        return created;
    }

    private long advance(long from) {
        double work = rng.exponential();
        double t = from;
        while (true) {
            double rate = baseRatePerMs * scenarios.arrivalMultiplier((long) t);
            long boundary = scenarios.nextRateChange((long) t);
            double need = work / rate;
            if (boundary == Long.MAX_VALUE || t + need < boundary) {
                return (long) (t + need);
            }
            work -= (boundary - t) * rate;
            t = boundary;
        }
    }
}
