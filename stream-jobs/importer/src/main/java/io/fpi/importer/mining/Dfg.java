package io.fpi.importer.mining;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A directly-follows graph: for each ordered pair of activities, how often the second directly
 * follows the first within a trace; and how many traces start and end with each activity. Maps
 * are sorted so two DFGs print and compare readably.
 */
public record Dfg(Map<Edge, Long> edges, Map<String, Long> startActivities, Map<String, Long> endActivities) {

    /** An ordered pair of activities. */
    public record Edge(String from, String to) implements Comparable<Edge> {
        @Override
        public int compareTo(Edge o) {
            int c = from.compareTo(o.from);
            return c != 0 ? c : to.compareTo(o.to);
        }

        @Override
        public String toString() {
            return from + " > " + to;
        }
    }

    public Dfg {
        edges = new TreeMap<>(edges);
        startActivities = new TreeMap<>(startActivities);
        endActivities = new TreeMap<>(endActivities);
    }

    /** The DFG of traces given as activity sequences; empty traces are ignored. */
    public static Dfg of(Collection<List<String>> traces) {
        Map<Edge, Long> edges = new TreeMap<>();
        Map<String, Long> starts = new TreeMap<>();
        Map<String, Long> ends = new TreeMap<>();
        for (List<String> trace : traces) {
            if (trace.isEmpty()) {
                continue;
            }
            starts.merge(trace.get(0), 1L, Long::sum);
            ends.merge(trace.get(trace.size() - 1), 1L, Long::sum);
            for (int i = 1; i < trace.size(); i++) {
                edges.merge(new Edge(trace.get(i - 1), trace.get(i)), 1L, Long::sum);
            }
        }
        return new Dfg(edges, starts, ends);
    }
}
