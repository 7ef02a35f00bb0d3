package io.fpi.detection.nodes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which node stage rule watches a (node, stage): the most specific node pattern wins, as in the stage rules. */
public final class NodeStageRules {
    private NodeStageRules() {}

    /** The rule for the stage at the node, or null if it is not watched. */
    public static NodeStageRule resolve(List<NodeStageRule> rules, String node, String stage) {
        NodeStageRule best = null;
        for (NodeStageRule r : rules) {
            if (r.stage().equals(stage) && r.matches(node)
                    && (best == null || r.nodes().specificity() > best.nodes().specificity())) {
                best = r;
            }
        }
        return best;
    }

    /** One rule per watched stage of the node (the most specific), in file order of the stages. */
    public static List<NodeStageRule> at(List<NodeStageRule> rules, String node) {
        Map<String, NodeStageRule> byStage = new LinkedHashMap<>();
        for (NodeStageRule r : rules) {
            if (r.matches(node)) {
                byStage.merge(r.stage(), r, (a, b) -> b.nodes().specificity() > a.nodes().specificity() ? b : a);
            }
        }
        return new ArrayList<>(byStage.values());
    }
}
