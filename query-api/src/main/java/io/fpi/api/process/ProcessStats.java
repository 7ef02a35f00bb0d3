package io.fpi.api.process;

/**
 * The headline figures of a dataset's event log, as shared/data/README.md and {@code bin/fpi stats}
 * define them: a variant is a trace's exact activity sequence, a DFG edge a distinct ordered pair of
 * consecutive activities within a trace.
 *
 * @param topVariantCases cases following the most frequent variant
 */
public record ProcessStats(long cases, long events, long activities, long variants, long dfgEdges, long topVariantCases) {
}
