package io.fpi.simulator.scenarios;

/**
 * A scenario resolved for one run: absolute simulated window [startMs, endMs), the chosen target
 * and, for promotion-peak, the volume multiplier. Written to the ground truth's run line.
 */
public record ActiveScenario(ScenarioName name, String target, long startMs, long endMs, double multiplier) {
    public boolean covers(long t) {
        return t >= startMs && t < endMs;
    }
}
