package io.fpi.api.kpis;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fpi.api.http.Json;
import io.fpi.api.http.Tabular;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/kpis/summary}: every KPI of [from, to) at the top level (as before), the filters
 * that produced them, and under {@code previous} the same KPIs for the window of the same length just
 * before, for "vs. previous period" tiles.
 */
public record KpiSummary(Instant from, Instant to, String dataset, String channel, String fulfillmentType,
                         String region, String node, @JsonUnwrapped KpiValues values, Previous previous)
        implements Tabular {
    private static final ObjectMapper JSON = Json.mapper();

    /** The window [from - (to - from), from) and its KPIs. */
    public record Previous(Instant from, Instant to, @JsonUnwrapped KpiValues values) {
    }

    @Override
    public String csvName() {
        return "kpi-summary";
    }

    @Override
    public List<String> csvHeader() {
        return List.of("kpi", "value", "previous");
    }

    /** One row per KPI, in the order of the JSON answer. */
    @Override
    public List<List<Object>> csvRows() {
        Map<?, ?> now = JSON.convertValue(values, Map.class);
        Map<?, ?> before = JSON.convertValue(previous.values(), Map.class);
        List<List<Object>> rows = new ArrayList<>();
        now.forEach((k, v) -> rows.add(java.util.Arrays.asList(k, v, before.get(k))));
        return rows;
    }
}
