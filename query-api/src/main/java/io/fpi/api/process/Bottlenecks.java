package io.fpi.api.process;

import io.fpi.api.http.Tabular;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/process/bottlenecks}: where cases wait, per node. Transitions are directly-follows
 * pairs timed from the activity times; stages are the milestone-to-milestone stages of the traces.
 * Both ranked by {@code rankBy} (total or mean waiting time), largest first. As CSV: both lists, with
 * a {@code kind} column.
 */
public record Bottlenecks(String dataset, String node, String channel, String fulfillmentType, String rankBy, int limit,
                          List<Wait> transitions,
                          List<Wait> stages) implements Tabular {

    /** {@code name} is "FROM > TO" for a transition, the stage name "FROM -> TO" for a stage. */
    public record Wait(String nodeId, String name, String from, String to, long count, long totalMs, long meanMs,
                       long p90Ms) {
    }

    @Override
    public String csvName() {
        return "process-bottlenecks";
    }

    @Override
    public List<String> csvHeader() {
        return List.of("kind", "node_id", "name", "from", "to", "count", "total_ms", "mean_ms", "p90_ms");
    }

    @Override
    public List<List<Object>> csvRows() {
        List<List<Object>> rows = new ArrayList<>();
        transitions.forEach(w -> rows.add(row("transition", w)));
        stages.forEach(w -> rows.add(row("stage", w)));
        return rows;
    }

    private static List<Object> row(String kind, Wait w) {
        return java.util.Arrays.asList(kind, w.nodeId(), w.name(), w.from(), w.to(), w.count(), w.totalMs(), w.meanMs(), w.p90Ms());
    }
}
