package io.fpi.policies.sla;

import io.fpi.policies.calendar.NodePattern;
import io.fpi.policies.config.ConfigMap;
import io.fpi.policies.config.Problems;
import io.fpi.policies.config.YamlNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the {@code policies:} list of a policy file into {@link SlaPolicy} values. */
final class PolicyReader {
    static final Set<String> FULFILLMENT_TYPES = Set.of("SHIP_TO_HOME", "SHIP_FROM_STORE", "BOPIS", "CURBSIDE", "SAME_DAY");
    static final Set<String> CHANNELS = Set.of("WEB", "APP", "MARKETPLACE", "STORE", "CALL_CENTER");

    private static final Set<String> POLICY_KEYS = Set.of("id", "description", "match", "severity", "at_risk_share",
            "milestones", "stages", "overrides");
    private static final Set<String> MATCH_KEYS = Set.of("fulfillment_type", "channel");
    private static final Set<String> OVERRIDES_KEYS = Set.of("regions", "nodes");
    private static final Set<String> OVERRIDE_KEYS = Set.of("description", "severity", "at_risk_share", "milestones", "stages");
    private static final Set<String> MILESTONE_KEYS = Set.of("name", "description", "satisfied_by", "from", "within",
            "offset", "clock", "cutoff", "severity", "at_risk_share", "enabled");
    private static final Set<String> STAGE_KEYS = Set.of("name", "description", "from", "to", "target", "clock",
            "cutoff", "severity", "at_risk_share", "enabled");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_.-]*");

    private final Problems problems;
    private final Vocabulary vocab;
    private final Set<String> regions;

    private PolicyReader(Problems problems, Vocabulary vocab, Set<String> regions) {
        this.problems = problems;
        this.vocab = vocab;
        this.regions = regions;
    }

    static List<SlaPolicy> read(List<YamlNode> items, Problems problems, Vocabulary vocab, Set<String> regions) {
        PolicyReader reader = new PolicyReader(problems, vocab, regions);
        List<SlaPolicy> out = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        for (YamlNode item : items) {
            SlaPolicy p = reader.policy(item);
            if (p == null) {
                continue;
            }
            if (ids.containsKey(p.id())) {
                problems.error(item, "policy id '" + p.id() + "' is already used at line " + ids.get(p.id())
                        + "; ids name policies in findings, so each must be unique");
                continue;
            }
            ids.put(p.id(), item.line());
            out.add(p);
        }
        return out;
    }

    private SlaPolicy policy(YamlNode node) {
        ConfigMap m = ConfigMap.of(node, problems, "a policy", POLICY_KEYS);
        if (m == null) {
            return null;
        }
        String id = m.string("id", true);
        if (id != null && !ID.matcher(id).matches()) {
            problems.error(m.get("id"), "policy id '" + id + "' must be lower case letters, digits, '-', '_' or '.',"
                    + " e.g. bopis-web; it is stored with every finding");
        }
        ConfigMap match = null;
        if (m.has("match")) {
            match = ConfigMap.of(m.get("match"), problems, "a match (fulfillment_type and channel)", MATCH_KEYS);
        } else {
            problems.error(m.node(), "missing required key 'match': { fulfillment_type: ..., channel: ... }, * for any");
        }
        String type = match == null ? null : matchValue(match, "fulfillment_type", FULFILLMENT_TYPES);
        String channel = match == null ? null : matchValue(match, "channel", CHANNELS);
        Severity severity = m.enumValue("severity", Severity.class, false);
        Double share = atRiskShare(m);
        List<RuleSpec> rules = new ArrayList<>();
        rules(m, rules);
        if (rules.isEmpty() && !m.has("milestones") && !m.has("stages")) {
            problems.error(m.node(), "a policy needs at least one milestone or stage");
        }
        Map<String, SlaPolicy.Patch> regionOverrides = new LinkedHashMap<>();
        List<SlaPolicy.Patch> nodeOverrides = new ArrayList<>();
        overrides(m, rules, regionOverrides, nodeOverrides);
        if (id == null || type == null || channel == null) {
            return null;
        }
        SlaPolicy policy = new SlaPolicy(id, m.string("description", false), type, channel,
                severity != null ? severity : Severity.MEDIUM,
                share != null ? share : RuleCompiler.DEFAULT_AT_RISK_SHARE, rules, regionOverrides, nodeOverrides);
        policy.node = node;
        return policy;
    }

    private String matchValue(ConfigMap match, String key, Set<String> known) {
        String v = match.string(key, true);
        if (v != null && !v.equals("*") && !known.contains(v)) {
            problems.warn(match.get(key), "'" + v + "' is not a " + key + " FPI knows (" + String.join(", ", known.stream().sorted().toList())
                    + "); the policy only matches events that carry exactly this value");
        }
        return v;
    }

    private Double atRiskShare(ConfigMap m) {
        String text = m.string("at_risk_share", false);
        if (text != null && (text.equalsIgnoreCase("none") || text.equalsIgnoreCase("off"))) {
            return 0.0;
        }
        return m.share("at_risk_share");
    }

    /** Reads milestones and stages into {@code out}; names must be unique within the list. */
    private void rules(ConfigMap m, List<RuleSpec> out) {
        Map<String, Integer> names = new HashMap<>();
        for (YamlNode item : m.list("milestones", false)) {
            add(rule(item, RuleKind.MILESTONE), out, names);
        }
        for (YamlNode item : m.list("stages", false)) {
            add(rule(item, RuleKind.STAGE), out, names);
        }
    }

    private void add(RuleSpec r, List<RuleSpec> out, Map<String, Integer> names) {
        if (r == null) {
            return;
        }
        if (names.containsKey(r.name)) {
            problems.error(r.node, "'" + r.name + "' is already a milestone or stage name at line " + names.get(r.name)
                    + "; names must be unique within a policy (findings are keyed by them)");
            return;
        }
        names.put(r.name, r.node.line());
        out.add(r);
    }

    private RuleSpec rule(YamlNode node, RuleKind kind) {
        int errorsBefore = problems.errorCount();
        ConfigMap m = ConfigMap.of(node, problems, kind == RuleKind.STAGE ? "a stage" : "a milestone",
                kind == RuleKind.STAGE ? STAGE_KEYS : MILESTONE_KEYS);
        if (m == null) {
            return null;
        }
        RuleSpec r = new RuleSpec();
        r.node = node;
        r.kind = kind;
        r.name = m.string("name", true);
        if (r.name != null && !ID.matcher(r.name).matches()) {
            problems.error(m.get("name"), "name '" + r.name + "' must be lower case letters, digits, '-', '_' or '.'"
                    + " (e.g. ready_in_2h); it is part of every finding id");
        }
        r.description = m.string("description", false);
        String toKey = kind == RuleKind.STAGE ? "to" : "satisfied_by";
        if (m.has(toKey)) {
            r.satisfiedBy = activities(m, toKey);
        }
        if (m.has("from")) {
            from(m, r, kind);
        }
        r.within = m.duration(kind == RuleKind.STAGE ? "target" : "within", false);
        r.offset = kind == RuleKind.STAGE ? null : m.duration("offset", false);
        r.clock = m.enumValue("clock", Clock.class, false);
        r.cutoff = cutoff(m);
        r.severity = m.enumValue("severity", Severity.class, false);
        r.atRiskShare = atRiskShare(m);
        r.enabled = m.bool("enabled");
        r.broken = problems.errorCount() > errorsBefore;
        return r.name == null ? null : r;
    }

    private void from(ConfigMap m, RuleSpec r, RuleKind kind) {
        String text = m.string("from", false);
        if (text == null) {
            return;
        }
        if (text.equals("placed") || text.equals("ORDER_PLACED")) {
            r.from = Anchor.PLACED;
        } else if (text.equals("promised_by")) {
            if (kind == RuleKind.STAGE) {
                problems.error(m.get("from"), "a stage starts at an activity; promised_by is for milestones");
            }
            r.from = Anchor.PROMISED_BY;
        } else {
            r.fromActivity = vocab.activity(text, m.get("from"), problems);
            r.from = Anchor.ACTIVITY;
        }
    }

    private List<String> activities(ConfigMap m, String key) {
        List<String> out = new ArrayList<>();
        for (String name : m.strings(key, false)) {
            String a = vocab.activity(name, m.get(key), problems);
            if (a != null && !out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    private Boolean cutoff(ConfigMap m) {
        String text = m.string("cutoff", false);
        if (text == null) {
            return null;
        }
        if (text.equals("carrier") || text.equals("none")) {
            return text.equals("carrier");
        }
        problems.error(m.get("cutoff"), "cutoff is 'carrier' (round the deadline up to the carrier's next"
                + " handoff cut-off at the node) or 'none'");
        return null;
    }

    private void overrides(ConfigMap policy, List<RuleSpec> base, Map<String, SlaPolicy.Patch> regionOut,
                           List<SlaPolicy.Patch> nodeOut) {
        if (!policy.has("overrides")) {
            return;
        }
        ConfigMap o = ConfigMap.of(policy.get("overrides"), problems, "overrides (regions and/or nodes)", OVERRIDES_KEYS);
        if (o == null) {
            return;
        }
        YamlNode.MapNode regionsNode = o.map("regions", false);
        if (regionsNode != null) {
            for (Map.Entry<String, YamlNode> e : regionsNode.entries().entrySet()) {
                if (!regions.contains(e.getKey())) {
                    problems.keyError(regionsNode, e.getKey(), "region '" + e.getKey() + "' is not declared under"
                            + " 'regions:' (declared: " + String.join(", ", regions) + ")");
                }
                SlaPolicy.Patch ov = override(e.getKey(), null, e.getValue(), base);
                if (ov != null) {
                    regionOut.put(e.getKey(), ov);
                }
            }
        }
        YamlNode.MapNode nodesNode = o.map("nodes", false);
        if (nodesNode != null) {
            for (Map.Entry<String, YamlNode> e : nodesNode.entries().entrySet()) {
                NodePattern pattern;
                try {
                    pattern = NodePattern.parse(e.getKey());
                } catch (IllegalArgumentException ex) {
                    problems.keyError(nodesNode, e.getKey(), ex.getMessage());
                    continue;
                }
                SlaPolicy.Patch ov = override(e.getKey(), pattern, e.getValue(), base);
                if (ov != null) {
                    nodeOut.add(ov);
                }
            }
        }
    }

    private SlaPolicy.Patch override(String key, NodePattern nodes, YamlNode node, List<RuleSpec> base) {
        ConfigMap m = ConfigMap.of(node, problems, "an override", OVERRIDE_KEYS);
        if (m == null) {
            return null;
        }
        List<RuleSpec> patches = new ArrayList<>();
        rules(m, patches);
        for (RuleSpec p : patches) {
            for (RuleSpec b : base) {
                if (b.name.equals(p.name) && b.kind != p.kind) {
                    problems.error(p.node, "'" + p.name + "' is a " + b.kind.name().toLowerCase() + " in the base policy;"
                            + " override it under '" + (b.kind == RuleKind.STAGE ? "stages" : "milestones") + ":'");
                }
            }
        }
        return new SlaPolicy.Patch(key, nodes, m.enumValue("severity", Severity.class, false), atRiskShare(m), patches);
    }
}
