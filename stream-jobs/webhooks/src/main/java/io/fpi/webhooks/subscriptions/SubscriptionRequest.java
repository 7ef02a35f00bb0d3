package io.fpi.webhooks.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The body of POST (all of it) or PATCH (any part) /api/webhooks, validated. A null field was not
 * given. Pure: parsing and validation without the network (the URL's address check happens in
 * {@link WebhookAdmin}). Every refusal names the field and what is allowed.
 */
public record SubscriptionRequest(String url, String secret, Format format, Filters filters, Long groupWindowMs,
                                  List<String> groupBy, Integer rateLimitPerMinute, Boolean enabled, String description) {

    public static final int MAX_SECRET = 512;
    public static final int MAX_DESCRIPTION = 500;
    public static final int MAX_FILTER_VALUES = 1000;
    public static final long MAX_WINDOW_MS = 3_600_000;
    public static final int MAX_RATE = 100_000;

    private static final Set<String> TOP_LEVEL = Set.of("url", "secret", "format", "filters", "grouping",
            "rate_limit_per_minute", "enabled", "description");
    /** Fields of a GET answer that a client may send back unchanged; they are ignored. */
    private static final Set<String> READ_ONLY = Set.of("id", "created_at", "updated_at", "has_secret", "version");
    /** Accepted filter names (and aliases) and the canonical name each maps to. */
    private static final Map<String, String> FILTER_NAMES = Map.ofEntries(
            Map.entry("types", "types"), Map.entry("finding_types", "types"), Map.entry("type", "types"),
            Map.entry("severities", "severities"), Map.entry("severity", "severities"),
            Map.entry("min_severity", "min_severity"),
            Map.entry("datasets", "datasets"), Map.entry("dataset", "datasets"),
            Map.entry("fulfillment_types", "fulfillment_types"), Map.entry("fulfillment_type", "fulfillment_types"),
            Map.entry("regions", "regions"), Map.entry("region", "regions"),
            Map.entry("nodes", "nodes"), Map.entry("node_ids", "nodes"), Map.entry("node_id", "nodes"),
            Map.entry("node", "nodes"));

    public static SubscriptionRequest parse(JsonNode body, boolean create) {
        if (body == null || !body.isObject()) {
            throw WebhookRequestException.invalid("the body must be a JSON object such as {\"url\": \"https://...\", "
                    + "\"secret\": \"...\", \"format\": \"fpi\", \"filters\": {\"types\": [\"SLA_BREACH\"]}}");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!TOP_LEVEL.contains(name) && !READ_ONLY.contains(name)) {
                throw WebhookRequestException.invalid("unknown field '" + name + "'; allowed: " + String.join(", ", sorted(TOP_LEVEL)));
            }
        }
        String url = text(body, "url", 4096);
        String secret = text(body, "secret", MAX_SECRET);
        if (secret != null && secret.isBlank()) {
            throw WebhookRequestException.invalid("secret must not be blank");
        }
        Format format = null;
        if (present(body, "format")) {
            String f = text(body, "format", 64);
            format = Format.fromWire(f).orElseThrow(() -> WebhookRequestException.invalid(
                    "format must be one of fpi, alertmanager, slack"));
        }
        Filters filters = present(body, "filters") ? filters(body.get("filters")) : null;
        Long window = null;
        List<String> groupBy = null;
        if (present(body, "grouping")) {
            JsonNode g = body.get("grouping");
            if (!g.isObject()) {
                throw WebhookRequestException.invalid("grouping must be an object {\"window_ms\": 10000, \"group_by\": [\"region\"]}");
            }
            for (Iterator<String> it = g.fieldNames(); it.hasNext(); ) {
                String n = it.next();
                if (!n.equals("window_ms") && !n.equals("group_by")) {
                    throw WebhookRequestException.invalid("unknown field 'grouping." + n + "'; allowed: window_ms, group_by");
                }
            }
            if (present(g, "window_ms")) {
                window = integer(g, "window_ms", "grouping.window_ms", 0, MAX_WINDOW_MS);
            }
            if (present(g, "group_by")) {
                groupBy = list(g.get("group_by"), "grouping.group_by", Grouping.FIELDS.keySet(), false);
            }
        }
        Integer rate = present(body, "rate_limit_per_minute")
                ? (int) integer(body, "rate_limit_per_minute", "rate_limit_per_minute", 0, MAX_RATE) : null;
        Boolean enabled = null;
        if (present(body, "enabled")) {
            if (!body.get("enabled").isBoolean()) {
                throw WebhookRequestException.invalid("enabled must be true or false");
            }
            enabled = body.get("enabled").booleanValue();
        }
        String description = text(body, "description", MAX_DESCRIPTION);
        if (create) {
            if (url == null) {
                throw WebhookRequestException.invalid("url is required (the receiver's http or https URL)");
            }
            if (secret == null) {
                throw WebhookRequestException.invalid("secret is required: deliveries are signed with it (HMAC-SHA256); "
                        + "use 32 or more random characters");
            }
        }
        return new SubscriptionRequest(url, secret, format, filters, window, groupBy, rate, enabled, description);
    }

    private static Filters filters(JsonNode f) {
        if (!f.isObject()) {
            throw WebhookRequestException.invalid("filters must be an object such as {\"types\": [\"SLA_BREACH\", \"STALL\"], "
                    + "\"min_severity\": \"warning\"}");
        }
        Map<String, List<String>> lists = new java.util.HashMap<>();
        String minSeverity = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String canonical = FILTER_NAMES.get(e.getKey());
            if (canonical == null) {
                throw WebhookRequestException.invalid("unknown filter '" + e.getKey() + "'; allowed: types, severities, "
                        + "min_severity, datasets, fulfillment_types, regions, nodes");
            }
            String where = "filters." + e.getKey();
            switch (canonical) {
                case "types" -> lists.put(canonical, upper(list(e.getValue(), where, null, true), where, FindingTypes.TYPES));
                case "severities" -> lists.put(canonical, lower(list(e.getValue(), where, null, true), where));
                case "min_severity" -> {
                    if (e.getValue().isNull()) {
                        break;
                    }
                    if (!e.getValue().isTextual() || FindingTypes.severityRank(e.getValue().asText()) < 0) {
                        throw WebhookRequestException.invalid(where + " must be one of info, warning, critical");
                    }
                    minSeverity = e.getValue().asText().toLowerCase(Locale.ROOT);
                }
                default -> lists.put(canonical, list(e.getValue(), where, null, true));
            }
        }
        return new Filters(lists.getOrDefault("types", List.of()), lists.getOrDefault("severities", List.of()), minSeverity,
                lists.getOrDefault("datasets", List.of()), lists.getOrDefault("fulfillment_types", List.of()),
                lists.getOrDefault("regions", List.of()), lists.getOrDefault("nodes", List.of()));
    }

    private static List<String> upper(List<String> values, String where, List<String> allowed) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            String u = v.toUpperCase(Locale.ROOT);
            if (!allowed.contains(u)) {
                throw WebhookRequestException.invalid(where + ": '" + v + "' is not a finding type; allowed: " + String.join(", ", allowed));
            }
            out.add(u);
        }
        return out;
    }

    private static List<String> lower(List<String> values, String where) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (FindingTypes.severityRank(v) < 0) {
                throw WebhookRequestException.invalid(where + ": '" + v + "' is not a severity; allowed: info, warning, critical");
            }
            out.add(v.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** A string or a list of strings (a single string is a one-element list); null means no filter. */
    private static List<String> list(JsonNode node, String where, Set<String> allowed, boolean singleAllowed) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isTextual() && singleAllowed) {
            node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(node.asText());
        }
        if (!node.isArray()) {
            throw WebhookRequestException.invalid(where + " must be a list of strings");
        }
        if (node.size() > MAX_FILTER_VALUES) {
            throw WebhookRequestException.invalid(where + " may hold at most " + MAX_FILTER_VALUES + " values");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode v : node) {
            if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > 256) {
                throw WebhookRequestException.invalid(where + " must hold non-blank strings of at most 256 characters");
            }
            if (allowed != null && !allowed.contains(v.asText())) {
                throw WebhookRequestException.invalid(where + ": '" + v.asText() + "' is not allowed; allowed: "
                        + String.join(", ", sorted(allowed)));
            }
            seen.add(v.asText());
        }
        out.addAll(seen);
        return out;
    }

    private static boolean present(JsonNode node, String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    private static String text(JsonNode body, String field, int max) {
        if (!present(body, field)) {
            return null;
        }
        JsonNode v = body.get(field);
        if (!v.isTextual()) {
            throw WebhookRequestException.invalid(field + " must be a string");
        }
        if (v.asText().length() > max) {
            throw WebhookRequestException.invalid(field + " must be at most " + max + " characters");
        }
        return v.asText();
    }

    private static long integer(JsonNode node, String field, String where, long min, long max) {
        JsonNode v = node.get(field);
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            throw WebhookRequestException.invalid(where + " must be an integer from " + min + " to " + max);
        }
        return v.asLong();
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
