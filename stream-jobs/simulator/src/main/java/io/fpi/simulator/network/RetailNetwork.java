package io.fpi.simulator.network;

import io.fpi.simulator.random.Rng;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The retailer from the seed text: six regional DCs and 300 stores. Store ids are numbered in
 * region blocks (ST-0001..ST-0060 are NORTHEAST, ...), fixed across seeds, so a scenario that hits
 * "the stores of one region" is readable in the data.
 */
public final class RetailNetwork {
    private static final RetailNetwork DEFAULT = new RetailNetwork();

    private final Map<Region, Node> dcs = new EnumMap<>(Region.class);
    private final Map<Region, List<Node>> stores = new EnumMap<>(Region.class);
    private final double[] demand;
    private final int storeCount;

    private RetailNetwork() {
        int next = 1;
        for (Region r : Region.values()) {
            dcs.put(r, new Node(r.dcId(), r, false));
            List<Node> list = new ArrayList<>(r.storeCount());
            for (int i = 0; i < r.storeCount(); i++) {
                list.add(new Node(String.format(Locale.ROOT, "ST-%04d", next++), r, true));
            }
            stores.put(r, Collections.unmodifiableList(list));
        }
        storeCount = next - 1;
        demand = new double[Region.values().length];
        for (Region r : Region.values()) {
            demand[r.ordinal()] = r.demandShare();
        }
    }

    public static RetailNetwork standard() {
        return DEFAULT;
    }

    public int storeCount() {
        return storeCount;
    }

    public Node dc(Region region) {
        return dcs.get(region);
    }

    public List<Node> stores(Region region) {
        return stores.get(region);
    }

    public Region customerRegion(Rng rng) {
        return Region.values()[rng.weighted(demand)];
    }

    public Node randomStore(Region region, Rng rng) {
        List<Node> list = stores.get(region);
        return list.get(rng.nextInt(list.size()));
    }
}
