package io.fpi.policies.sla;

import io.fpi.policies.calendar.NodePattern;
import io.fpi.policies.config.Problems;
import io.fpi.policies.config.YamlNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One policy of the file as written: what it matches (fulfillment type × channel, {@code *} for
 * any), its base milestones and stages, and its overrides by region and by node. Resolving it for
 * an order ({@link SlaPolicies#resolve}) lays the region override and then the node override over
 * the base (node > region > base) and compiles the result into a {@link ResolvedSla}.
 */
public final class SlaPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    /** An override's changes: policy-level defaults and rule patches (by rule name). */
    record Patch(String key, NodePattern nodes, Severity severity, Double atRiskShare, List<RuleSpec> patches)
            implements Serializable {}

    private final String id;
    private final String description;
    private final String fulfillmentType;
    private final String channel;
    private final Severity severity;
    private final double atRiskShare;
    private final List<RuleSpec> rules;
    private final Map<String, Patch> regionOverrides;
    private final List<Patch> nodeOverrides;
    /** Where the policy was written, for load-time messages. */
    transient YamlNode node;

    SlaPolicy(String id, String description, String fulfillmentType, String channel, Severity severity,
              double atRiskShare, List<RuleSpec> rules, Map<String, Patch> regionOverrides,
              List<Patch> nodeOverrides) {
        this.id = id;
        this.description = description;
        this.fulfillmentType = fulfillmentType;
        this.channel = channel;
        this.severity = severity;
        this.atRiskShare = atRiskShare;
        this.rules = List.copyOf(rules);
        this.regionOverrides = Map.copyOf(regionOverrides);
        this.nodeOverrides = List.copyOf(nodeOverrides);
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** The matched fulfillment type, or {@code *}. */
    public String fulfillmentType() {
        return fulfillmentType;
    }

    /** The matched channel, or {@code *}. */
    public String channel() {
        return channel;
    }

    public List<String> regionOverrides() {
        return List.copyOf(regionOverrides.keySet());
    }

    public List<String> nodeOverrides() {
        List<String> out = new ArrayList<>();
        for (Patch o : nodeOverrides) {
            out.add(o.key());
        }
        return out;
    }

    /** Specificity of the match: 2 for an exact type and channel, 0 for {@code * × *}. */
    int specificity() {
        return (fulfillmentType.equals("*") ? 0 : 1) + (channel.equals("*") ? 0 : 1);
    }

    boolean matches(String type, String chan) {
        return (fulfillmentType.equals("*") || fulfillmentType.equals(type)) && (channel.equals("*") || channel.equals(chan));
    }

    Patch regionOverride(String region) {
        return region == null ? null : regionOverrides.get(region);
    }

    Map<String, Patch> regionOverrideMap() {
        return regionOverrides;
    }

    List<Patch> nodeOverrideList() {
        return nodeOverrides;
    }

    /** Index into the node overrides of the most specific one matching the node, -1 if none. */
    int nodeOverrideIndex(String nodeId) {
        int best = -1;
        int bestSpecificity = -1;
        for (int i = 0; i < nodeOverrides.size(); i++) {
            NodePattern p = nodeOverrides.get(i).nodes();
            if (p.specificity() > bestSpecificity && p.matches(nodeId)) {
                best = i;
                bestSpecificity = p.specificity();
            }
        }
        return best;
    }

    /**
     * The compiled rules with the overrides laid over the base, in base order (rules an override
     * adds come after); null after reporting when they do not compile.
     */
    SlaRule[] compile(Patch region, Patch node, Vocabulary vocab, Problems problems) {
        List<RuleSpec> merged = new ArrayList<>();
        for (RuleSpec r : rules) {
            merged.add(r.copy());
        }
        Severity sev = severity;
        double share = atRiskShare;
        for (Patch o : new Patch[] {region, node}) {
            if (o == null) {
                continue;
            }
            sev = o.severity() != null ? o.severity() : sev;
            share = o.atRiskShare() != null ? o.atRiskShare() : share;
            for (RuleSpec patch : o.patches()) {
                int at = indexOf(merged, patch.name);
                if (at >= 0) {
                    merged.set(at, merged.get(at).merge(patch));
                } else {
                    merged.add(patch.copy());
                }
            }
        }
        List<SlaRule> out = new ArrayList<>();
        boolean ok = true;
        for (RuleSpec s : merged) {
            if (Boolean.FALSE.equals(s.enabled)) {
                continue;
            }
            SlaRule r = RuleCompiler.compile(s, sev, share, vocab, problems);
            ok &= r != null;
            if (r != null) {
                out.add(r);
            }
        }
        return ok ? out.toArray(new SlaRule[0]) : null;
    }

    private static int indexOf(List<RuleSpec> specs, String name) {
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).name.equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "policy " + id + " (" + fulfillmentType + " × " + channel + ")";
    }
}
