package io.fpi.simulator;

import io.fpi.schemas.EventCodec;
import io.fpi.schemas.FulfillmentEvent;
import io.fpi.simulator.scenarios.ScenarioName;
import io.fpi.simulator.scenarios.ScenarioSpec;
import io.fpi.simulator.stream.RecordStream;
import io.fpi.simulator.truth.GroundTruth;
import io.fpi.simulator.truth.GroundTruthCollector;
import io.fpi.simulator.truth.OrderTruth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared fixtures: a fixed simulated start, unpaced configs, and a run collected in memory. */
abstract class SimulatorTestBase {
    /** 08:00 on the US east coast: runs start in the morning, so store-hours logic is exercised. */
    static final long T0 = Instant.parse("2026-03-02T13:00:00Z").toEpochMilli();
    static final long HOUR = 3_600_000L;
    static final long MINUTE = 60_000L;

    /** A run's records and its ground truth. */
    record Run(List<SimRecord> records, GroundTruth truth) {
        List<FulfillmentEvent> events() {
            List<FulfillmentEvent> out = new ArrayList<>();
            for (SimRecord r : records) {
                if (r.kind() == RecordKind.EVENT) {
                    out.add(r.event());
                }
            }
            return out;
        }

        /** Distinct events per order, in emission order. */
        Map<String, List<FulfillmentEvent>> byOrder() {
            Map<String, List<FulfillmentEvent>> out = new LinkedHashMap<>();
            for (FulfillmentEvent e : events()) {
                out.computeIfAbsent(e.getOrderId(), k -> new ArrayList<>()).add(e);
            }
            return out;
        }

        Map<String, OrderTruth> truthByOrder() {
            Map<String, OrderTruth> out = new LinkedHashMap<>();
            for (OrderTruth t : truth.orders()) {
                out.put(t.orderId(), t);
            }
            return out;
        }
    }

    static SimulatorConfig.Builder unpaced(long seed, long orders) {
        return SimulatorConfig.builder().seed(seed).simStartMs(T0).paced(false).maxOrders(orders);
    }

    /** A scenario starting at T0 + offset and lasting {@code length}. */
    static ScenarioSpec scenario(ScenarioName name, String target, Duration offset, Duration length) {
        return new ScenarioSpec(name, target, offset, length);
    }

    static Run run(SimulatorConfig config) {
        GroundTruthCollector truth = new GroundTruthCollector();
        List<SimRecord> records = new ArrayList<>();
        try (RecordStream stream = Simulator.stream(config, truth)) {
            while (stream.hasNext()) {
                records.add(stream.next());
            }
        }
        return new Run(records, truth.groundTruth());
    }

    static FulfillmentEvent decode(byte[] value) {
        try {
            return new EventCodec().decode(value, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }
}
