package io.fpi.simulator.noise;

/**
 * Noise rates, each per distinct event: {@code outOfOrderRate} of events are emitted up to
 * {@code maxDisorderMs} after their event time; {@code duplicateRate} of events are sent a second
 * time; {@code malformedRate} of events are followed by one malformed record.
 */
public record NoiseSettings(double outOfOrderRate, double duplicateRate, double malformedRate, long maxDisorderMs) {
    public NoiseSettings {
        check("out-of-order", outOfOrderRate);
        check("duplicates", duplicateRate);
        check("malformed", malformedRate);
        if (maxDisorderMs < 0) {
            throw new IllegalArgumentException("max disorder must not be negative");
        }
    }

    private static void check(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " rate must be within 0..1, got " + rate);
        }
    }
}
