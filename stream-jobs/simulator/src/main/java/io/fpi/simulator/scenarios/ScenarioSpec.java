package io.fpi.simulator.scenarios;

import java.time.Duration;
import java.util.Objects;

/**
 * A requested scenario. {@code target} narrows it (a carrier for carrier-outage, a DC for
 * warehouse-wave-delay, a region for store-inventory-drop, the volume multiplier 3..5 for
 * promotion-peak); null lets the seed choose. Null offsets/durations take the defaults.
 */
public record ScenarioSpec(ScenarioName name, String target, Duration startOffset, Duration duration) {
    public ScenarioSpec {
        Objects.requireNonNull(name, "name");
        if (startOffset != null && startOffset.isNegative()) {
            throw new IllegalArgumentException("scenario start offset must not be negative");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("scenario duration must be positive");
        }
    }

    public static ScenarioSpec of(ScenarioName name) {
        return new ScenarioSpec(name, null, null, null);
    }

    /** Parses {@code name} or {@code name:target}, e.g. {@code carrier-outage:SWIFTSHIP}. */
    public static ScenarioSpec parse(String text, Duration startOffset, Duration duration) {
        String s = text.trim();
        int colon = s.indexOf(':');
        ScenarioName name = ScenarioName.parse(colon < 0 ? s : s.substring(0, colon));
        String target = colon < 0 ? null : s.substring(colon + 1).trim();
        return new ScenarioSpec(name, target == null || target.isEmpty() ? null : target, startOffset, duration);
    }

    public Duration effectiveStartOffset() {
        return startOffset == null ? ScenarioName.DEFAULT_START_OFFSET : startOffset;
    }

    public Duration effectiveDuration() {
        return duration == null ? name.defaultDuration() : duration;
    }
}
