package io.fpi.webhooks.payloads;

import io.fpi.schemas.Finding;
import io.fpi.webhooks.subscriptions.FindingTypes;
import java.util.Map;
import java.util.stream.Collectors;

/** One-line human summaries shared by the formats. */
final class Summaries {
    private Summaries() {}

    static String line(Alert a) {
        Finding first = a.findings().isEmpty() ? null : a.findings().get(0);
        if (a.kind() == Alert.Kind.TEST) {
            return "FPI test delivery for subscription " + a.subscriptionId();
        }
        if (a.kind() == Alert.Kind.GROUP) {
            String what = a.resolved() ? "resolved " + resolvedType(first) : a.groupLabels().get("type");
            return a.count() + " × " + what + " in " + a.groupLabels().get("dataset") + where(a.groupLabels());
        }
        if (first == null) {
            return "";
        }
        return (a.resolved() ? "Resolved " + resolvedType(first) + ": " : first.getType() + ": ") + first.getMessage();
    }

    static String resolvedType(Finding f) {
        String t = f == null ? null : FindingTypes.resolvedType(f);
        return t == null ? "finding" : t;
    }

    /** " (region=NORTHEAST, stage=LABEL_CREATED)" from the group-by labels, or "". */
    static String where(Map<String, String> labels) {
        String s = labels.entrySet().stream()
                .filter(e -> !e.getKey().equals("type") && !e.getKey().equals("dataset") && !e.getKey().equals("resolves_type"))
                .filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        return s.isEmpty() ? "" : " (" + s + ")";
    }
}
