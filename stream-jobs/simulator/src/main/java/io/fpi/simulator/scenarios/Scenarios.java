package io.fpi.simulator.scenarios;

import io.fpi.simulator.network.Carrier;
import io.fpi.simulator.network.Region;
import io.fpi.simulator.random.Rng;
import io.fpi.simulator.random.Seeds;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenarios active in a run, resolved against the simulated start and the seed. The order
 * lifecycle asks it narrow questions ("is carrier X down at t?") so scenario logic stays out of
 * the lifecycle's control flow.
 */
public final class Scenarios {
    private static final Carrier[] OUTAGE_CANDIDATES = {Carrier.SWIFTSHIP, Carrier.PARCELPRO, Carrier.BLUEPOST};

    private final List<ActiveScenario> active;

    private Scenarios(List<ActiveScenario> active) {
        this.active = List.copyOf(active);
    }

    public static Scenarios none() {
        return new Scenarios(List.of());
    }

    public static Scenarios resolve(List<ScenarioSpec> specs, long simStartMs, long seed) {
        List<ActiveScenario> out = new ArrayList<>();
        for (ScenarioSpec spec : specs) {
            long start = simStartMs + spec.effectiveStartOffset().toMillis();
            long end = start + spec.effectiveDuration().toMillis();
            Rng rng = Rng.of(seed, Seeds.SCENARIOS, spec.name().ordinal());
            String target = null;
            double multiplier = 1.0;
            switch (spec.name()) {
                case CARRIER_OUTAGE -> {
                    Carrier c = spec.target() != null ? Carrier.byName(spec.target())
                            : OUTAGE_CANDIDATES[rng.nextInt(OUTAGE_CANDIDATES.length)];
                    if (!c.parcel()) {
                        throw new IllegalArgumentException("carrier-outage needs a parcel carrier, not " + c);
                    }
                    target = c.name();
                }
                case WAREHOUSE_WAVE_DELAY -> target = (spec.target() != null ? Region.byName(spec.target())
                        : Region.values()[rng.nextInt(Region.values().length)]).dcId();
                case STORE_INVENTORY_DROP -> target = (spec.target() != null ? Region.byName(spec.target())
                        : Region.values()[rng.nextInt(Region.values().length)]).name();
                case PROMOTION_PEAK -> {
                    multiplier = spec.target() != null ? parseMultiplier(spec.target())
                            : Math.round((3.0 + 2.0 * rng.nextDouble()) * 10) / 10.0;
                    target = null;
                }
                case ERP_SYNC_LAG -> target = "ERP";
            }
            out.add(new ActiveScenario(spec.name(), target, start, end, multiplier));
        }
        return new Scenarios(out);
    }

    private static double parseMultiplier(String s) {
        double m;
        try {
            m = Double.parseDouble(s.endsWith("x") ? s.substring(0, s.length() - 1) : s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("promotion-peak target must be a multiplier 3..5, got '" + s + "'");
        }
        if (m < 1 || m > 10) {
            throw new IllegalArgumentException("promotion-peak multiplier must be within 1..10, got " + m);
        }
        return m;
    }

    public List<ActiveScenario> all() {
        return active;
    }

    public boolean isEmpty() {
        return active.isEmpty();
    }

    private ActiveScenario find(ScenarioName name, String target, long t) {
        for (ActiveScenario s : active) {
            if (s.name() == name && s.covers(t) && (target == null || target.equals(s.target()))) {
                return s;
            }
        }
        return null;
    }

    /** The outage of this carrier's API at t, or null. */
    public ActiveScenario carrierOutage(Carrier carrier, long t) {
        return find(ScenarioName.CARRIER_OUTAGE, carrier.name(), t);
    }

    /** The wave delay at this DC at t, or null. */
    public ActiveScenario waveDelay(String dcId, long t) {
        return find(ScenarioName.WAREHOUSE_WAVE_DELAY, dcId, t);
    }

    /** The inventory-confidence drop of this region's stores at t, or null. */
    public ActiveScenario inventoryDrop(Region region, long t) {
        return find(ScenarioName.STORE_INVENTORY_DROP, region.name(), t);
    }

    public ActiveScenario erpLag(long t) {
        return find(ScenarioName.ERP_SYNC_LAG, null, t);
    }

    public ActiveScenario peak(long t) {
        return find(ScenarioName.PROMOTION_PEAK, null, t);
    }

    /** Order-arrival multiplier at t (promotion peaks multiply; several overlapping multiply). */
    public double arrivalMultiplier(long t) {
        double m = 1.0;
        for (ActiveScenario s : active) {
            if (s.name() == ScenarioName.PROMOTION_PEAK && s.covers(t)) {
                m *= s.multiplier();
            }
        }
        return m;
    }

    /** The largest arrival multiplier of the run: the pacer's rate cap scales with it. */
    public double maxArrivalMultiplier() {
        double m = 1.0;
        for (ActiveScenario s : active) {
            if (s.name() == ScenarioName.PROMOTION_PEAK) {
                m *= s.multiplier();
            }
        }
        return m;
    }

    /** The next window boundary after t where the arrival rate may change, or Long.MAX_VALUE. */
    public long nextRateChange(long t) {
        long next = Long.MAX_VALUE;
        for (ActiveScenario s : active) {
            if (s.name() == ScenarioName.PROMOTION_PEAK) {
                if (s.startMs() > t) {
                    next = Math.min(next, s.startMs());
                } else if (s.endMs() > t) {
                    next = Math.min(next, s.endMs());
                }
            }
        }
        return next;
    }
}
