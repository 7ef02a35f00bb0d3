package io.fpi.detection.nodes;

import io.fpi.schemas.CanonicalActivity;
import io.fpi.schemas.FulfillmentEvent;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Sends each milestone at a watched node to every watched stage of that node: the stage's own
 * milestone enters an order, any other milestone of an order waiting there takes it out. An
 * ORDER_REROUTED carries the node the order moved to; when it names the node it left
 * ({@code attributes.from_node}), a departure copy goes to that node's stages too, so the order does
 * not linger there until forget_after. Pausing exceptions (raised and resolved, with a code of the
 * file's pause_on_exceptions) go along; other non-milestones and events without a node are dropped.
 */
public final class NodeMilestoneRouter implements FlatMapFunction<FulfillmentEvent, NodeMilestone> {
    private static final long serialVersionUID = 1L;
    static final String FROM_NODE = "from_node";

    private final List<NodeStageRule> rules;
    private final Set<String> pauseCodes;

    /** @param pauseCodes exception codes that pause an order (stalls.yaml pause_on_exceptions): routed too */
    public NodeMilestoneRouter(List<NodeStageRule> rules, Set<String> pauseCodes) {
        this.rules = List.copyOf(rules);
        this.pauseCodes = Set.copyOf(pauseCodes);
    }

    @Override
    public void flatMap(FulfillmentEvent e, Collector<NodeMilestone> out) {
        String node = e.getNodeId();
        if (node == null || node.isEmpty()) {
            return;
        }
        if (!CanonicalActivity.isMilestone(e.getActivity())) {
            if (isPausing(e)) { // someone works on the order: its wait in the stage pauses, as in the order monitor
                route(e, node, false, out);
            }
            return;
        }
        route(e, node, false, out);
        if (CanonicalActivity.ORDER_REROUTED.name().equals(e.getActivity()) && e.getAttributes() != null) {
            String from = e.getAttributes().get(FROM_NODE);
            if (from != null && !from.isEmpty() && !from.equals(node)) {
                route(e, from, true, out);
            }
        }
    }

    private boolean isPausing(FulfillmentEvent e) {
        return (CanonicalActivity.EXCEPTION_RAISED.name().equals(e.getActivity())
                || CanonicalActivity.EXCEPTION_RESOLVED.name().equals(e.getActivity()))
                && e.getErrorCode() != null && pauseCodes.contains(e.getErrorCode());
    }

    private void route(FulfillmentEvent e, String node, boolean departure, Collector<NodeMilestone> out) {
        for (NodeStageRule r : NodeStageRules.at(rules, node)) {
            out.collect(new NodeMilestone(NodeStageKeys.of(e.getDataset(), node, r.stage()), e.getOrderId(),
                    e.getActivity(), e.getEventTime(), departure, departure ? null : e.getRegion(), e.getChannel(),
                    e.getFulfillmentType()));
        }
    }
}
