package io.fpi.simulator;

import io.fpi.simulator.noise.NoiseSettings;
import io.fpi.simulator.scenarios.ScenarioSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything that determines a run. Same config (including {@code simStartMs}) and same seed give
 * a byte-identical stream. Build with {@link #builder()}; README.md documents every field.
 *
 * @param eventsPerSecond target distinct events per wall second while catching up (paced), and the
 *     basis of the simulated order rate: orders per simulated second = rate / (speedup x events per
 *     order); duplicates and malformed records come on top
 * @param speedup simulated seconds per wall second while catching up to now
 * @param simStartMs simulated start (epoch ms)
 * @param maxOrders generate exactly this many orders, emit all their records, stop (0: unbounded)
 * @param duration wall-clock limit of a publish run (null: none)
 * @param simDuration place orders only within [simStart, simStart + simDuration) (null: no limit)
 * @param paced false: no waiting at all (tests, benchmarks)
 */
public record SimulatorConfig(
        String dataset,
        long seed,
        double eventsPerSecond,
        double speedup,
        long simStartMs,
        List<ScenarioSpec> scenarios,
        long maxOrders,
        Duration duration,
        Duration simDuration,
        NoiseSettings noise,
        boolean paced) {

    public static final String DEFAULT_DATASET = "demo";
    public static final long DEFAULT_SEED = 42L;
    public static final double DEFAULT_RATE = 200;
    public static final double DEFAULT_SPEEDUP = 60;
    public static final Duration DEFAULT_LOOKBACK = Duration.ofHours(6);
    public static final double DEFAULT_OUT_OF_ORDER = 0.02;
    public static final double DEFAULT_DUPLICATES = 0.01;
    public static final double DEFAULT_MALFORMED = 0.002;
    public static final Duration DEFAULT_MAX_DISORDER = Duration.ofSeconds(20);

    public SimulatorConfig {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(noise, "noise");
        if (dataset.isBlank()) {
            throw new IllegalArgumentException("dataset must not be blank");
        }
        if (!(eventsPerSecond > 0) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException("rate must be a positive number of events per second, got " + eventsPerSecond);
        }
        if (!(speedup >= 1) || Double.isInfinite(speedup)) {
            throw new IllegalArgumentException("speedup must be at least 1, got " + speedup);
        }
        if (maxOrders < 0) {
            throw new IllegalArgumentException("orders must not be negative");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be positive");
        }
        if (simDuration != null && (simDuration.isNegative() || simDuration.isZero())) {
            throw new IllegalArgumentException("simulated duration must be positive");
        }
        scenarios = List.copyOf(scenarios);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.dataset = dataset;
        b.seed = seed;
        b.eventsPerSecond = eventsPerSecond;
        b.speedup = speedup;
        b.simStartMs = simStartMs;
        b.scenarios = new ArrayList<>(scenarios);
        b.maxOrders = maxOrders;
        b.duration = duration;
        b.simDuration = simDuration;
        b.outOfOrder = noise.outOfOrderRate();
        b.duplicates = noise.duplicateRate();
        b.malformed = noise.malformedRate();
        b.maxDisorder = Duration.ofMillis(noise.maxDisorderMs());
        b.paced = paced;
        return b;
    }

    /** Defaults: dataset demo, seed 42, 200 events/s, speedup 60, start = now - 6 h, paced. */
    public static final class Builder {
        private String dataset = DEFAULT_DATASET;
        private long seed = DEFAULT_SEED;
        private double eventsPerSecond = DEFAULT_RATE;
        private double speedup = DEFAULT_SPEEDUP;
        private Long simStartMs;
        private List<ScenarioSpec> scenarios = new ArrayList<>();
        private long maxOrders;
        private Duration duration;
        private Duration simDuration;
        private double outOfOrder = DEFAULT_OUT_OF_ORDER;
        private double duplicates = DEFAULT_DUPLICATES;
        private double malformed = DEFAULT_MALFORMED;
        private Duration maxDisorder = DEFAULT_MAX_DISORDER;
        private boolean paced = true;

        public Builder dataset(String v) { dataset = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder eventsPerSecond(double v) { eventsPerSecond = v; return this; }
        public Builder speedup(double v) { speedup = v; return this; }
        public Builder simStartMs(long v) { simStartMs = v; return this; }
        public Builder scenario(ScenarioSpec v) { scenarios.add(v); return this; }
        public Builder scenarios(List<ScenarioSpec> v) { scenarios = new ArrayList<>(v); return this; }
        public Builder maxOrders(long v) { maxOrders = v; return this; }
        public Builder duration(Duration v) { duration = v; return this; }
        public Builder simDuration(Duration v) { simDuration = v; return this; }
        public Builder outOfOrderRate(double v) { outOfOrder = v; return this; }
        public Builder duplicateRate(double v) { duplicates = v; return this; }
        public Builder malformedRate(double v) { malformed = v; return this; }
        public Builder maxDisorder(Duration v) { maxDisorder = v; return this; }
        public Builder paced(boolean v) { paced = v; return this; }

        /** Resolves the default start (now - 6 h) here, so the built config pins it. */
        public SimulatorConfig build() {
            long start = simStartMs != null ? simStartMs : System.currentTimeMillis() - DEFAULT_LOOKBACK.toMillis();
            return new SimulatorConfig(dataset, seed, eventsPerSecond, speedup, start, scenarios, maxOrders, duration,
                    simDuration, new NoiseSettings(outOfOrder, duplicates, malformed, maxDisorder.toMillis()), paced);
        }
    }
}
