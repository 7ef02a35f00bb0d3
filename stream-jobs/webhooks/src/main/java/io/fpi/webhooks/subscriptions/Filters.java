package io.fpi.webhooks.subscriptions;

import io.fpi.schemas.Finding;
import java.util.List;

/**
 * Which findings a subscription receives. Each list is "any of"; an empty list (or a null
 * {@code minSeverity}) does not filter. All given filters must match.
 *
 * <p>A RESOLVED finding is a resolve notification for the finding it resolves: it passes the type
 * filter when the list names RESOLVED or the resolved finding's type (e.g. a subscription to STALL
 * also hears when a stall resolves); it bypasses the severity filters (the resolve's own severity
 * says nothing about the alert it closes); and a field it does not carry does not exclude it.
 */
public record Filters(List<String> types, List<String> severities, String minSeverity, List<String> datasets,
                      List<String> fulfillmentTypes, List<String> regions, List<String> nodes) {

    public static final Filters NONE = new Filters(List.of(), List.of(), null, List.of(), List.of(), List.of(), List.of());

    public Filters {
        types = List.copyOf(types);
        severities = List.copyOf(severities);
        datasets = List.copyOf(datasets);
        fulfillmentTypes = List.copyOf(fulfillmentTypes);
        regions = List.copyOf(regions);
        nodes = List.copyOf(nodes);
    }

    public boolean matches(Finding f) {
        boolean resolve = FindingTypes.RESOLVED.equals(f.getType());
        if (!types.isEmpty()) {
            boolean typeOk = types.contains(f.getType())
                    || (resolve && FindingTypes.resolvedType(f) != null && types.contains(FindingTypes.resolvedType(f)));
            if (!typeOk) {
                return false;
            }
        }
        if (!resolve) {
            if (!severities.isEmpty() && !severities.contains(f.getSeverity())) {
                return false;
            }
            if (minSeverity != null && FindingTypes.severityRank(f.getSeverity()) < FindingTypes.severityRank(minSeverity)) {
                return false;
            }
        }
        return (datasets.isEmpty() || datasets.contains(f.getDataset()))
                && field(fulfillmentTypes, f.getFulfillmentType(), resolve)
                && field(regions, f.getRegion(), resolve)
                && field(nodes, f.getNodeId(), resolve);
    }

    private static boolean field(List<String> allowed, String value, boolean resolve) {
        if (allowed.isEmpty()) {
            return true;
        }
        return value == null ? resolve : allowed.contains(value);
    }
}
