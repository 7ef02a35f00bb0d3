package io.fpi.webhooks.payloads;

import io.fpi.schemas.Finding;
import io.fpi.webhooks.subscriptions.FindingTypes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Prometheus Alertmanager's webhook payload, version 4 (fields as Alertmanager's webhook notifier
 * sends them: version, groupKey, truncatedAlerts, status, receiver, groupLabels, commonLabels,
 * commonAnnotations, externalURL, alerts[status, labels, annotations, startsAt, endsAt,
 * generatorURL, fingerprint]), so that tools which accept Alertmanager webhooks accept FPI's.
 *
 * <p>Each finding is one alert, labelled {@code alertname} = its type. A resolve is the resolved
 * alert itself: status {@code resolved}, {@code endsAt} set, and the same fingerprint as the alert
 * it resolves (the fingerprint is derived from the original finding id), which is how receivers
 * match the two. {@code commonAnnotations.count} carries the size of a group, whose alerts beyond
 * the configured maximum are counted in {@code truncatedAlerts}.
 */
public final class AlertmanagerPayload implements PayloadRenderer {
    /** Alertmanager's "zero" time: an alert without an end. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private final String externalUrl;

    public AlertmanagerPayload(String externalUrl) {
        this.externalUrl = externalUrl.endsWith("/") ? externalUrl : externalUrl + "/";
    }

    @Override
    public byte[] render(Alert a) {
        String status = a.resolved() ? "resolved" : "firing";
        List<Map<String, Object>> alerts = new ArrayList<>();
        List<Map<String, String>> allLabels = new ArrayList<>();
        List<Map<String, String>> allAnnotations = new ArrayList<>();
        for (Finding f : a.findings()) {
            Map<String, String> labels = labels(f);
            Map<String, String> annotations = annotations(f, a);
            allLabels.add(labels);
            allAnnotations.add(annotations);
            Map<String, Object> alert = new LinkedHashMap<>();
            alert.put("status", status);
            alert.put("labels", labels);
            alert.put("annotations", annotations);
            alert.put("startsAt", FindingJson.iso(f.getDetectedAt()));
            alert.put("endsAt", a.resolved() ? FindingJson.iso(f.getDetectedAt()) : ZERO_TIME);
            alert.put("generatorURL", generatorUrl(f));
            alert.put("fingerprint", fingerprint(originalId(f)));
            alerts.add(alert);
        }
        Map<String, String> groupLabels = new TreeMap<>();
        a.groupLabels().forEach((k, v) -> {
            if (!v.isEmpty()) {
                groupLabels.put(k.equals("type") ? "alertname" : k, v);
            }
        });
        if (a.resolved() && groupLabels.containsKey("resolves_type")) {
            groupLabels.put("alertname", groupLabels.remove("resolves_type"));
        }
        Map<String, String> commonAnnotations = new TreeMap<>(common(allAnnotations));
        commonAnnotations.put("count", Integer.toString(a.count()));
        if (a.count() > 1 || a.kind() == Alert.Kind.GROUP) {
            commonAnnotations.put("summary", Summaries.line(a));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", "4");
        body.put("groupKey", "{}/{fpi_subscription=\"" + a.subscriptionId() + "\"}:" + labelSet(groupLabels));
        body.put("truncatedAlerts", a.truncated());
        body.put("status", status);
        body.put("receiver", "fpi-webhook-" + a.subscriptionId());
        body.put("groupLabels", groupLabels);
        body.put("commonLabels", common(allLabels));
        body.put("commonAnnotations", commonAnnotations);
        body.put("externalURL", externalUrl);
        body.put("alerts", alerts);
        return PayloadRenderer.json(body);
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    private static Map<String, String> labels(Finding f) {
        boolean resolve = FindingTypes.RESOLVED.equals(f.getType());
        String resolvedType = resolve ? FindingTypes.resolvedType(f) : null;
        Map<String, String> l = new TreeMap<>();
        l.put("alertname", resolve ? (resolvedType == null ? "RESOLVED" : resolvedType) : f.getType());
        l.put("finding_id", originalId(f));
        put(l, "severity", f.getSeverity());
        put(l, "dataset", f.getDataset());
        put(l, "order_id", f.getOrderId());
        put(l, "node_id", f.getNodeId());
        put(l, "region", f.getRegion());
        put(l, "fulfillment_type", f.getFulfillmentType());
        put(l, "channel", f.getChannel());
        put(l, "source_system", f.getSourceSystem());
        put(l, "stage", f.getStage());
        put(l, "error_code", f.getErrorCode());
        put(l, "policy_id", f.getPolicyId());
        return l;
    }

    private static Map<String, String> annotations(Finding f, Alert a) {
        Map<String, String> m = new TreeMap<>();
        put(m, "summary", f.getMessage());
        put(m, "description", f.getTraceSummary());
        if (FindingTypes.RESOLVED.equals(f.getType())) {
            put(m, "resolved_by", f.getFindingId());
        }
        if (a.kind() == Alert.Kind.TEST) {
            m.put("test", "true");
        }
        return m;
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null && !v.isEmpty()) {
            m.put(k, v);
        }
    }

    /** For a resolve, the id of the finding it resolves: that alert's identity. */
    private static String originalId(Finding f) {
        return FindingTypes.RESOLVED.equals(f.getType()) && f.getResolves() != null ? f.getResolves() : f.getFindingId();
    }

    private String generatorUrl(Finding f) {
        if (f.getOrderId() == null) {
            return externalUrl;
        }
        return externalUrl + "api/orders/" + URLEncoder.encode(f.getOrderId(), StandardCharsets.UTF_8).replace("+", "%20")
                + "/trace?dataset=" + URLEncoder.encode(f.getDataset(), StandardCharsets.UTF_8);
    }

    /** 16 hex digits of FNV-1a 64 over the finding id, like Alertmanager's label fingerprints. */
    static String fingerprint(String findingId) {
        long h = 0xcbf29ce484222325L;
        for (byte b : findingId.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return String.format("%016x", h);
    }

    private static Map<String, String> common(List<Map<String, String>> maps) {
        if (maps.isEmpty()) {
            return new TreeMap<>();
        }
        Map<String, String> out = new TreeMap<>(maps.get(0));
        for (Map<String, String> m : maps.subList(1, maps.size())) {
            out.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey())));
        }
        return out;
    }

    private static String labelSet(Map<String, String> labels) {
        return labels.entrySet().stream()
                .map(e -> e.getKey() + "=\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
