package io.fpi.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fpi.runtime.sketch.DurationSketch;
import java.time.Instant;
import java.util.TreeMap;

/** A row of kpi_minute as the KPI topology writes it; every measure 0 unless a test sets it. */
final class KpiMinuteRowBuilder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] COUNTS = {"orders_placed", "orders_completed", "orders_cancelled", "orders_returned",
        "units_ordered", "units_fulfilled", "cycle_count", "cycle_sum_ms", "sla_due", "sla_met", "exceptions_raised",
        "exceptions_resolved", "resolution_sum_ms", "refunds", "refund_sum_ms", "inventory_syncs",
        "inventory_sync_mismatches", "cost_orders", "cost_minor"};

    private final ObjectNode row = JSON.createObjectNode();
    private final TreeMap<Integer, Long> cycle = new TreeMap<>();
    private final TreeMap<Integer, Long> resolution = new TreeMap<>();
    private final TreeMap<Integer, Long> refund = new TreeMap<>();
    private final TreeMap<String, Long> integration = new TreeMap<>();

    KpiMinuteRowBuilder(String dataset, Instant minute, String channel, String fulfillmentType, String region, String node) {
        row.put("dataset", dataset).put("minute_ms", minute.toEpochMilli())
                .put("minute_date", minute.toString().substring(0, 10)).put("channel", channel)
                .put("fulfillment_type", fulfillmentType).put("region", region).put("node_id", node).put("version", 1);
        for (String c : COUNTS) {
            row.put(c, 0);
        }
    }

    KpiMinuteRowBuilder version(long v) {
        row.put("version", v);
        return this;
    }

    KpiMinuteRowBuilder set(String column, long value) {
        row.put(column, value);
        return this;
    }

    KpiMinuteRowBuilder orders(long placed, long completed, long cancelled, long returned) {
        return set("orders_placed", placed).set("orders_completed", completed).set("orders_cancelled", cancelled)
                .set("orders_returned", returned);
    }

    KpiMinuteRowBuilder units(long ordered, long fulfilled) {
        return set("units_ordered", ordered).set("units_fulfilled", fulfilled);
    }

    KpiMinuteRowBuilder sla(long met, long due) {
        return set("sla_met", met).set("sla_due", due);
    }

    KpiMinuteRowBuilder cycleTimes(long... ms) {
        add(cycle, "cycle_count", "cycle_sum_ms", ms);
        return this;
    }

    KpiMinuteRowBuilder resolutions(long... ms) {
        add(resolution, "exceptions_resolved", "resolution_sum_ms", ms);
        return this;
    }

    KpiMinuteRowBuilder refunds(long... ms) {
        add(refund, "refunds", "refund_sum_ms", ms);
        return this;
    }

    KpiMinuteRowBuilder syncs(long synced, long mismatches) {
        return set("inventory_syncs", synced).set("inventory_sync_mismatches", mismatches);
    }

    KpiMinuteRowBuilder integrationFailure(String system, long n) {
        integration.merge(system, n, Long::sum);
        return this;
    }

    KpiMinuteRowBuilder cost(long orders, long minor) {
        return set("cost_orders", orders).set("cost_minor", minor);
    }

    private void add(TreeMap<Integer, Long> histogram, String countColumn, String sumColumn, long... ms) {
        for (long v : ms) {
            histogram.merge(DurationSketch.bucket(v), 1L, Long::sum);
            row.put(countColumn, row.get(countColumn).asLong() + 1);
            row.put(sumColumn, row.get(sumColumn).asLong() + v);
        }
    }

    String json() {
        ObjectNode out = row.deepCopy();
        histogram(out, "cycle", cycle);
        histogram(out, "resolution", resolution);
        histogram(out, "refund", refund);
        ArrayNode systems = out.putArray("integration_systems");
        ArrayNode failures = out.putArray("integration_failures");
        integration.forEach((k, v) -> {
            systems.add(k);
            failures.add(v);
        });
        return out.toString();
    }

    private static void histogram(ObjectNode out, String name, TreeMap<Integer, Long> h) {
        ArrayNode buckets = out.putArray(name + "_buckets");
        ArrayNode counts = out.putArray(name + "_counts");
        h.forEach((k, v) -> {
            buckets.add(k);
            counts.add(v);
        });
    }
}
