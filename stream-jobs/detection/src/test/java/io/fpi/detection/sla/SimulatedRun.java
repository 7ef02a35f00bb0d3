package io.fpi.detection.sla;

import io.fpi.simulator.SimRecord;
import io.fpi.simulator.Simulator;
import io.fpi.simulator.SimulatorConfig;
import io.fpi.simulator.scenarios.ScenarioName;
import io.fpi.simulator.scenarios.ScenarioSpec;
import io.fpi.simulator.stream.RecordStream;
import io.fpi.simulator.truth.GroundTruth;
import io.fpi.simulator.truth.GroundTruthCollector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One unpaced simulator run held in memory: its Kafka records (with the default noise: out of
 * order, duplicates, malformed) and its ground truth.
 */
record SimulatedRun(String name, List<byte[][]> records, GroundTruth truth) {
    static final long SIM_START = Instant.parse("2026-03-02T13:00:00Z").toEpochMilli();

    /** @param scenario a scenario's CLI name, or null for the baseline */
    static SimulatedRun generate(String scenario, int orders, long seed) {
        SimulatorConfig.Builder config = SimulatorConfig.builder().seed(seed).paced(false).maxOrders(orders)
                .simStartMs(SIM_START);
        if (scenario != null) {
            config.scenario(ScenarioSpec.of(ScenarioName.parse(scenario)));
        }
        GroundTruthCollector truth = new GroundTruthCollector();
        List<byte[][]> records = new ArrayList<>();
        try (RecordStream stream = Simulator.stream(config.build(), truth)) {
            while (stream.hasNext()) {
                SimRecord r = stream.next();
                records.add(new byte[][] {r.key(), r.value()});
            }
            stream.finish();
        }
        return new SimulatedRun(scenario == null ? "baseline" : scenario, records, truth.groundTruth());
    }
}
