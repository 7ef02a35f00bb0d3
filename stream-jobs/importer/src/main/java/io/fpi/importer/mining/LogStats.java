package io.fpi.importer.mining;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The headline figures of a log, counted as shared/data/README.md defines them: a variant is a
 * trace's exact activity sequence; a DFG edge a distinct ordered pair of consecutive activities.
 *
 * @param topVariantCases the number of cases following the most frequent variant
 */
public record LogStats(long cases, long events, long activities, long variants, long dfgEdges, long topVariantCases) {

    public static LogStats of(Collection<List<String>> traces) {
        long events = 0;
        Set<String> activities = new HashSet<>();
        Map<List<String>, Long> variants = new HashMap<>();
        for (List<String> trace : traces) {
            events += trace.size();
            activities.addAll(trace);
            variants.merge(trace, 1L, Long::sum);
        }
        long top = variants.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return new LogStats(traces.size(), events, activities.size(), variants.size(),
                Dfg.of(traces).edges().size(), top);
    }
}
