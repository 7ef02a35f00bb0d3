package io.fpi.detection.stalls;

import io.fpi.detection.nodes.NodeStageRule;
import io.fpi.policies.calendar.NodePattern;
import io.fpi.policies.config.ConfigMap;
import io.fpi.policies.config.Problems;
import io.fpi.policies.config.YamlNode;
import io.fpi.policies.config.YamlTreeReader;
import io.fpi.schemas.CanonicalActivity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a stalls.yaml file with the same located, collect-everything error reporting as the SLA
 * policy file (file:line:column: path: what to write instead).
 */
final class StallRulesReader {
    private static final Set<String> TOP_KEYS = Set.of("version", "description", "pause_on_exceptions",
            "hold_threshold", "hold_severity", "stages", "node_stages");
    private static final Set<String> NODE_RULE_KEYS = Set.of("stage", "nodes", "blocked_after", "typical_factor", "min_orders",
            "order_idle", "forget_after", "responsible", "severity", "description");
    private static final long DEFAULT_FORGET_AFTER_MS = 3 * 86_400_000L;
    private static final Set<String> RULE_KEYS = Set.of("stage", "fulfillment_type", "nodes", "threshold", "clock",
            "responsible", "severity", "blocked_by_failures", "blocked_after", "retry_grace", "description");
    private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
    private static final Set<String> FULFILLMENT_TYPES = Set.of("SHIP_TO_HOME", "BOPIS", "CURBSIDE", "SAME_DAY",
            "SHIP_FROM_STORE");

    private StallRulesReader() {}

    static StallRules read(String text, String source) {
        Problems problems = new Problems(source);
        YamlNode root = YamlTreeReader.read(text, problems);
        problems.throwIfErrors();
        ConfigMap top = ConfigMap.of(root, problems, "a stall threshold file", TOP_KEYS);
        problems.throwIfErrors();
        String version = top.string("version", true);
        Set<String> pause = new LinkedHashSet<>(top.strings("pause_on_exceptions", false));
        Long hold = top.duration("hold_threshold", false);
        String holdSeverity = severity(top, "hold_severity", problems);
        List<StallRule> rules = new ArrayList<>();
        Map<String, YamlNode> seen = new HashMap<>();
        for (YamlNode item : top.list("stages", true)) {
            StallRule r = rule(item, problems);
            if (r == null) {
                continue;
            }
            String key = r.stage() + " × " + (r.fulfillmentType() == null ? "*" : r.fulfillmentType()) + " × " + r.nodes().text();
            YamlNode first = seen.putIfAbsent(key, item);
            if (first != null) {
                problems.error(item, "a second rule for " + key + " (the first is at line " + first.line()
                        + "); merge them or narrow one with fulfillment_type or nodes");
            }
            rules.add(r);
        }
        List<NodeStageRule> nodeRules = new ArrayList<>();
        Map<String, YamlNode> seenNode = new HashMap<>();
        if (top.has("node_stages")) {
            for (YamlNode item : top.list("node_stages", false)) {
                NodeStageRule r = nodeRule(item, problems);
                if (r == null) {
                    continue;
                }
                String key = r.stage() + " × " + r.nodes().text();
                YamlNode first = seenNode.putIfAbsent(key, item);
                if (first != null) {
                    problems.error(item, "a second node_stages rule for " + key + " (the first is at line " + first.line()
                            + "); merge them");
                }
                nodeRules.add(r);
            }
        }
        problems.throwIfErrors();
        return new StallRules(source, version, pause, hold == null ? Long.MAX_VALUE : hold, holdSeverity, rules, nodeRules);
    }

    private static StallRule rule(YamlNode item, Problems problems) {
        ConfigMap m = ConfigMap.of(item, problems, "a stage rule", RULE_KEYS);
        if (m == null) {
            return null;
        }
        String stage = stage(m, problems);
        String type = m.string("fulfillment_type", false);
        if (type != null && !type.equals("*") && !FULFILLMENT_TYPES.contains(type)) {
            problems.warn(m.get("fulfillment_type"), "'" + type + "' is not a fulfillment type FPI knows ("
                    + String.join(", ", FULFILLMENT_TYPES) + ")");
        }
        NodePattern nodes = nodes(m, problems);
        Long threshold = m.duration("threshold", true);
        if (threshold != null && threshold < 0) {
            problems.error(m.get("threshold"), "a threshold cannot be negative");
        }
        StallClock clock = m.has("clock") ? m.enumValue("clock", StallClock.class, false) : StallClock.WALL;
        String failures = m.string("blocked_by_failures", false);
        int blockedBy = 0;
        if (failures != null) {
            try {
                blockedBy = Integer.parseInt(failures);
            } catch (NumberFormatException e) {
                blockedBy = -1;
            }
            if (blockedBy < 1) {
                problems.error(m.get("blocked_by_failures"), "'" + failures + "' is not a count; write 1 or more");
            }
        }
        Long blockedAfter = m.duration("blocked_after", blockedBy > 0);
        Long retryGrace = m.duration("retry_grace", false);
        String responsible = m.string("responsible", false);
        if (blockedBy > 0 && responsible == null) {
            problems.error(m.node(), "blocked_by_failures counts failures of the responsible system; add 'responsible:'");
        }
        if (stage == null || threshold == null || clock == null) {
            return null;
        }
        return new StallRule(stage, type == null || type.equals("*") ? null : type, nodes, threshold, clock, responsible,
                severity(m, "severity", problems), Math.max(blockedBy, 0), blockedAfter == null ? 0 : blockedAfter,
                retryGrace == null ? 0 : retryGrace, m.string("description", false));
    }

    /** The rule's stage: a milestone, since an order only ever sits at one. */
    private static String stage(ConfigMap m, Problems problems) {
        String stage = m.string("stage", true);
        if (stage != null && CanonicalActivity.of(stage).isPresent() && !CanonicalActivity.isMilestone(stage)) {
            problems.error(m.get("stage"), stage + " is not a milestone, so an order never sits at it; name the"
                    + " milestone that starts the stage (schemas/README.md lists them)");
        }
        return stage;
    }

    /** The rule's {@code nodes:} pattern, every node when absent. */
    private static NodePattern nodes(ConfigMap m, Problems problems) {
        String nodeText = m.string("nodes", false);
        if (nodeText == null) {
            return NodePattern.parse("*");
        }
        try {
            return NodePattern.parse(nodeText);
        } catch (IllegalArgumentException e) {
            problems.error(m.get("nodes"), e.getMessage());
            return NodePattern.parse("*");
        }
    }

    private static NodeStageRule nodeRule(YamlNode item, Problems problems) {
        ConfigMap m = ConfigMap.of(item, problems, "a node stage rule", NODE_RULE_KEYS);
        if (m == null) {
            return null;
        }
        String stage = stage(m, problems);
        NodePattern nodes = nodes(m, problems);
        Long blockedAfter = m.duration("blocked_after", true);
        Long orderIdle = m.duration("order_idle", false);
        Long forget = m.duration("forget_after", false);
        int minOrders = 3;
        String min = m.string("min_orders", false);
        if (min != null) {
            try {
                minOrders = Integer.parseInt(min);
            } catch (NumberFormatException e) {
                minOrders = -1;
            }
            if (minOrders < 1) {
                problems.error(m.get("min_orders"), "'" + min + "' is not a count; write 1 or more");
            }
        }
        double factor = 0;
        String factorText = m.string("typical_factor", false);
        if (factorText != null) {
            try {
                factor = Double.parseDouble(factorText);
            } catch (NumberFormatException e) {
                factor = -1;
            }
            if (factor < 0 || Double.isNaN(factor)) {
                problems.error(m.get("typical_factor"), "'" + factorText + "' is not a factor; write e.g. 1.5, or 0 for off");
            }
        }
        if (blockedAfter != null && blockedAfter <= 0) {
            problems.error(m.get("blocked_after"), "blocked_after must be positive");
        }
        long idle = orderIdle == null ? (blockedAfter == null ? 0 : blockedAfter) : orderIdle;
        long forgetMs = forget == null ? DEFAULT_FORGET_AFTER_MS : forget;
        if (blockedAfter != null && forgetMs <= Math.max(blockedAfter, idle)) {
            problems.error(forget == null ? m.node() : m.get("forget_after"),
                    "forget_after must be longer than blocked_after and order_idle, or nothing is ever reported");
        }
        if (stage == null || blockedAfter == null || minOrders < 1 || factor < 0) {
            return null;
        }
        return new NodeStageRule(stage, nodes, blockedAfter, factor, minOrders, idle, forgetMs, m.string("responsible", false),
                severity(m, "severity", problems), m.string("description", false));
    }

    private static String severity(ConfigMap m, String key, Problems problems) {
        String s = m.string(key, false);
        if (s == null) {
            return "warning";
        }
        String v = s.toLowerCase(Locale.ROOT);
        if (!SEVERITIES.contains(v)) {
            problems.error(m.get(key), "'" + s + "' is not a severity; write info, warning or critical");
        }
        return v;
    }
}
