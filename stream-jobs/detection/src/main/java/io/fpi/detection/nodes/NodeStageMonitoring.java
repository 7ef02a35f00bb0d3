package io.fpi.detection.nodes;

import io.fpi.detection.findings.FindingTypeInfo;
import io.fpi.detection.stalls.StallRules;
import io.fpi.schemas.Finding;
import io.fpi.schemas.FulfillmentEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Wires blocked node stage detection onto the trace job's de-duplicated events
 * ({@code TraceOutputs.events()}), beside the order monitor: route milestones to their
 * (dataset, node, stage) keys ({@link NodeMilestoneRouter}), then {@link NodeStageMonitor}.
 *
 * <pre>{@code
 * DataStream<Finding> blocked = NodeStageMonitoring.attach(traces.events(), monitorConfig.stallRules());
 * }</pre>
 *
 * <p>Operator uids: {@value #ROUTER_UID}, {@value #UID}; keep them so the state restores.
 */
public final class NodeStageMonitoring {
    public static final String ROUTER_UID = "node-milestones";
    public static final String UID = "node-stage-monitor";

    private NodeStageMonitoring() {}

    /** Findings of the file's node_stages rules (none when it has no such section: the stream is empty). */
    public static DataStream<Finding> attach(DataStream<FulfillmentEvent> events, StallRules rules) {
        return events
                .flatMap(new NodeMilestoneRouter(rules.nodeRules(), rules.pauseCodes()))
                .returns(TypeInformation.of(NodeMilestone.class))
                .name("node milestones").uid(ROUTER_UID)
                .keyBy(NodeMilestone::getKey)
                .process(new NodeStageMonitor(rules.nodeRules(), rules.version()), FindingTypeInfo.INSTANCE)
                .name("node-stage-monitor (blocked stages)").uid(UID);
    }
}
