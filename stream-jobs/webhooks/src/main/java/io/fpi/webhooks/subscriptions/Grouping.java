package io.fpi.webhooks.subscriptions;

import io.fpi.schemas.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How a subscription folds floods: findings with the same group key (type, dataset and the
 * {@code groupBy} fields) within {@code windowMs} become one grouped alert. 0 disables grouping.
 */
public record Grouping(long windowMs, List<String> groupBy) {
    /** Fields a subscription may group by, and how each is read from a finding. */
    public static final Map<String, Function<Finding, String>> FIELDS = fields();
    public static final List<String> DEFAULT_GROUP_BY = List.of("region");

    public Grouping {
        groupBy = List.copyOf(groupBy);
    }

    private static Map<String, Function<Finding, String>> fields() {
        Map<String, Function<Finding, String>> m = new LinkedHashMap<>();
        m.put("region", Finding::getRegion);
        m.put("node_id", Finding::getNodeId);
        m.put("source_system", Finding::getSourceSystem);
        m.put("stage", Finding::getStage);
        m.put("fulfillment_type", Finding::getFulfillmentType);
        m.put("channel", Finding::getChannel);
        m.put("severity", Finding::getSeverity);
        m.put("error_code", Finding::getErrorCode);
        m.put("policy_id", Finding::getPolicyId);
        m.put("milestone", Finding::getMilestone);
        return Map.copyOf(m);
    }

    /**
     * The labels that identify a finding's group, in a stable order: type, dataset, then the
     * groupBy fields. Resolves group by the type they resolve ({@code resolves_type}), so "500
     * stalls resolved" folds like the stalls did.
     */
    public Map<String, String> labels(Finding f) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("type", f.getType());
        if (FindingTypes.RESOLVED.equals(f.getType())) {
            String rt = FindingTypes.resolvedType(f);
            labels.put("resolves_type", rt == null ? "" : rt);
        }
        labels.put("dataset", f.getDataset());
        for (String field : groupBy) {
            String v = FIELDS.get(field).apply(f);
            labels.put(field, v == null ? "" : v);
        }
        return labels;
    }

    public static String key(Map<String, String> labels) {
        StringBuilder sb = new StringBuilder();
        labels.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(k).append('=').append(v.replace("\\", "\\\\").replace(",", "\\,"));
        });
        return sb.toString();
    }
}
