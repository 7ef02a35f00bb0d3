package io.fpi.api.process;

import java.util.List;

/**
 * {@code GET /api/process/bottlenecks}: where cases wait, per node. Transitions are directly-follows
 * pairs timed from the activity times; stages are the milestone-to-milestone stages of the traces.
 * Both ranked by {@code rankBy} (total or mean waiting time), largest first.
 */
public record Bottlenecks(String dataset, String node, String rankBy, int limit, List<Wait> transitions,
                          List<Wait> stages) {

    /** {@code name} is "FROM > TO" for a transition, the stage name "FROM -> TO" for a stage. */
    public record Wait(String nodeId, String name, String from, String to, long count, long totalMs, long meanMs,
                       long p90Ms) {
    }
}
