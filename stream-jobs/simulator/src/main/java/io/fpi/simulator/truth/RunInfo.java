package io.fpi.simulator.truth;

import io.fpi.simulator.scenarios.ActiveScenario;
import java.util.List;

/** The first ground-truth line ({@code "type":"run"}): the settings and the resolved scenarios. */
public record RunInfo(
        String dataset,
        long seed,
        long simStartMs,
        double eventsPerSecond,
        double speedup,
        boolean paced,
        double outOfOrderRate,
        double duplicateRate,
        double malformedRate,
        long maxDisorderMs,
        long maxOrders,
        List<ActiveScenario> scenarios) {

    public RunInfo {
        scenarios = List.copyOf(scenarios);
    }
}
