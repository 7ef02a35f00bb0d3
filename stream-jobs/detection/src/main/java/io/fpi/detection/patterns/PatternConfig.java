package io.fpi.detection.patterns;

import io.fpi.runtime.config.Env;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Options of exception-pattern detection (PATTERNS.md explains each rule). All from FPI_* variables:
 *
 * <table>
 *   <caption>Exception pattern options</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@value #WINDOW}</td><td>15m</td><td>tumbling event-time window, aligned to the epoch (UTC)</td></tr>
 *   <tr><td>{@value #ALLOWED_LATENESS}</td><td>0s</td><td>a window closes when the watermark passes its end plus this; later events are not counted</td></tr>
 *   <tr><td>{@value #RECURRING_N} / {@value #RECURRING_M}</td><td>3 / 4</td><td>RECURRING_EXCEPTION when a key is active in at least N of the last M windows</td></tr>
 *   <tr><td>{@value #MIN_COUNT}</td><td>2</td><td>events a window needs for the key to count as active in it</td></tr>
 *   <tr><td>{@value #SPIKE_K}</td><td>4</td><td>EXCEPTION_SPIKE when a window's count exceeds baseline mean + k sigma</td></tr>
 *   <tr><td>{@value #SPIKE_MIN_COUNT}</td><td>5</td><td>a spike needs at least this many events in the window</td></tr>
 *   <tr><td>{@value #EWMA_ALPHA}</td><td>0.2</td><td>weight of the newest window in the exponentially weighted baseline</td></tr>
 *   <tr><td>{@value #WARMUP}</td><td>1h</td><td>no spike in a dataset's first hour of event time (its baseline is still being learned)</td></tr>
 *   <tr><td>{@value #IDLE_EXPIRY}</td><td>24h</td><td>state of a key quiet this long is dropped (at least M windows)</td></tr>
 *   <tr><td>{@value #SCOPES}</td><td>node,region,all</td><td>granularities counted (spike rule in each), see {@link PatternScope}</td></tr>
 *   <tr><td>{@value #RECURRING_SCOPES}</td><td>node</td><td>scopes the recurring rule applies to (in coarser ones every common code recurs)</td></tr>
 *   <tr><td>{@value #ACTIVITIES}</td><td>see {@link #DEFAULT_ACTIVITIES}</td><td>activities counted as exception-like</td></tr>
 *   <tr><td>{@value #KEY_ATTRIBUTES}</td><td>carrier</td><td>event attributes that become part of every key</td></tr>
 * </table>
 */
public record PatternConfig(Duration window, Duration allowedLateness, int recurringN, int recurringM, int minCount,
                            double spikeK, int spikeMinCount, double ewmaAlpha, Duration warmup, Duration idleExpiry,
                            List<PatternScope> scopes, List<PatternScope> recurringScopes, List<String> activities,
                            List<String> keyAttributes)
        implements Serializable {

    public static final String WINDOW = "FPI_PATTERN_WINDOW";
    public static final String ALLOWED_LATENESS = "FPI_PATTERN_ALLOWED_LATENESS";
    public static final String RECURRING_N = "FPI_PATTERN_RECURRING_N";
    public static final String RECURRING_M = "FPI_PATTERN_RECURRING_M";
    public static final String MIN_COUNT = "FPI_PATTERN_MIN_COUNT";
    public static final String SPIKE_K = "FPI_PATTERN_SPIKE_K";
    public static final String SPIKE_MIN_COUNT = "FPI_PATTERN_SPIKE_MIN_COUNT";
    public static final String EWMA_ALPHA = "FPI_PATTERN_EWMA_ALPHA";
    public static final String WARMUP = "FPI_PATTERN_WARMUP";
    public static final String IDLE_EXPIRY = "FPI_PATTERN_IDLE_EXPIRY";
    public static final String SCOPES = "FPI_PATTERN_SCOPES";
    public static final String RECURRING_SCOPES = "FPI_PATTERN_RECURRING_SCOPES";
    public static final String ACTIVITIES = "FPI_PATTERN_ACTIVITIES";
    public static final String KEY_ATTRIBUTES = "FPI_PATTERN_KEY_ATTRIBUTES";

    /**
     * Exception-like activities: business exceptions, failed integration calls, and the failures
     * that carry an error code of their own. Not counted: EXCEPTION_RESOLVED and
     * INTEGRATION_CALL_RETRIED (they follow a counted event and would count one problem twice).
     */
    public static final List<String> DEFAULT_ACTIVITIES = List.of("EXCEPTION_RAISED", "INTEGRATION_CALL_FAILED",
            "PAYMENT_FAILED", "DELIVERY_FAILED", "INVENTORY_SYNC_MISMATCH", "RECONCILIATION_MISMATCH");

    public PatternConfig {
        if (window.toMillis() < 1000) {
            throw new IllegalArgumentException(WINDOW + " must be at least 1s, got " + window);
        }
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException(ALLOWED_LATENESS + " must not be negative");
        }
        if (recurringM < 1 || recurringM > 1000 || recurringN < 1 || recurringN > recurringM) {
            throw new IllegalArgumentException("need 1 <= " + RECURRING_N + " <= " + RECURRING_M + " <= 1000, got N="
                    + recurringN + ", M=" + recurringM);
        }
        if (minCount < 1 || spikeMinCount < 1) {
            throw new IllegalArgumentException(MIN_COUNT + " and " + SPIKE_MIN_COUNT + " must be at least 1");
        }
        if (!(spikeK > 0) || Double.isInfinite(spikeK)) {
            throw new IllegalArgumentException(SPIKE_K + " must be a positive number, got " + spikeK);
        }
        if (!(ewmaAlpha > 0 && ewmaAlpha < 1)) {
            throw new IllegalArgumentException(EWMA_ALPHA + " must lie strictly between 0 and 1, got " + ewmaAlpha);
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException(WARMUP + " must not be negative");
        }
        if (idleExpiry.toMillis() < window.toMillis() * recurringM) {
            // a key must outlive its recurring lookback, or an open episode would vanish unresolved
            throw new IllegalArgumentException(IDLE_EXPIRY + " must be at least " + RECURRING_M + " windows ("
                    + window.multipliedBy(recurringM) + "), got " + idleExpiry);
        }
        if (scopes.isEmpty() || activities.isEmpty()) {
            throw new IllegalArgumentException(SCOPES + " and " + ACTIVITIES + " must not be empty");
        }
        scopes = List.copyOf(scopes);
        recurringScopes = List.copyOf(recurringScopes);
        activities = List.copyOf(activities);
        keyAttributes = keyAttributes.stream().sorted().distinct().toList();
    }

    public static PatternConfig defaults() {
        return builder().build();
    }

    public static PatternConfig fromEnv(Env env) {
        Builder b = builder();
        b.window = env.getDuration(WINDOW, b.window);
        b.allowedLateness = env.getDuration(ALLOWED_LATENESS, b.allowedLateness);
        b.recurringN = env.getInt(RECURRING_N, b.recurringN);
        b.recurringM = env.getInt(RECURRING_M, b.recurringM);
        b.minCount = env.getInt(MIN_COUNT, b.minCount);
        b.spikeK = getDouble(env, SPIKE_K, b.spikeK);
        b.spikeMinCount = env.getInt(SPIKE_MIN_COUNT, b.spikeMinCount);
        b.ewmaAlpha = getDouble(env, EWMA_ALPHA, b.ewmaAlpha);
        b.warmup = env.getDuration(WARMUP, b.warmup);
        b.idleExpiry = env.getDuration(IDLE_EXPIRY, b.idleExpiry);
        String scopes = env.getOrNull(SCOPES);
        if (scopes != null) {
            b.scopes = list(scopes).stream().map(PatternScope::parse).distinct().toList();
        }
        String recurring = env.getOrNull(RECURRING_SCOPES);
        if (recurring != null) {
            b.recurringScopes = "none".equalsIgnoreCase(recurring) ? List.of()
                    : list(recurring).stream().map(PatternScope::parse).distinct().toList();
        }
        String activities = env.getOrNull(ACTIVITIES);
        if (activities != null) {
            b.activities = list(activities).stream().map(s -> s.toUpperCase(Locale.ROOT)).distinct().toList();
        }
        String attributes = env.get(KEY_ATTRIBUTES, null);
        if (attributes != null) {
            b.keyAttributes = "none".equalsIgnoreCase(attributes) ? List.of() : list(attributes);
        }
        return b.build();
    }

    /** Whether the recurring rule applies to keys of {@code scope} (its wire name). */
    public boolean recurringIn(String scope) {
        for (PatternScope s : recurringScopes) {
            if (s.wireName().equals(scope)) {
                return true;
            }
        }
        return false;
    }

    public long windowMs() {
        return window.toMillis();
    }

    /** Start of the window holding {@code eventTimeMs} (windows are aligned to the epoch). */
    public long windowStart(long eventTimeMs) {
        return Math.floorDiv(eventTimeMs, windowMs()) * windowMs();
    }

    /** The event time at which the window starting at {@code windowStartMs} is closed and evaluated. */
    public long closeTime(long windowStartMs) {
        return windowStartMs + windowMs() - 1 + allowedLateness.toMillis();
    }

    /** Consecutive quiet windows after which a key's state is dropped. */
    public long idleWindows() {
        return Math.max(recurringM, (idleExpiry.toMillis() + windowMs() - 1) / windowMs());
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.window = window;
        b.allowedLateness = allowedLateness;
        b.recurringN = recurringN;
        b.recurringM = recurringM;
        b.minCount = minCount;
        b.spikeK = spikeK;
        b.spikeMinCount = spikeMinCount;
        b.ewmaAlpha = ewmaAlpha;
        b.warmup = warmup;
        b.idleExpiry = idleExpiry;
        b.scopes = scopes;
        b.recurringScopes = recurringScopes;
        b.activities = activities;
        b.keyAttributes = keyAttributes;
        return b;
    }

    public static Builder builder() {
        return new Builder();
    }

    private static double getDouble(Env env, String name, double fallback) {
        String v = env.getOrNull(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + v + "'");
        }
    }

    private static List<String> list(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    /** Defaults as documented above. */
    public static final class Builder {
        private Duration window = Duration.ofMinutes(15);
        private Duration allowedLateness = Duration.ZERO;
        private int recurringN = 3;
        private int recurringM = 4;
        private int minCount = 2;
        private double spikeK = 4.0;
        private int spikeMinCount = 5;
        private double ewmaAlpha = 0.2;
        private Duration warmup = Duration.ofHours(1);
        private Duration idleExpiry = Duration.ofHours(24);
        private List<PatternScope> scopes = List.of(PatternScope.NODE, PatternScope.REGION, PatternScope.ALL);
        private List<PatternScope> recurringScopes = List.of(PatternScope.NODE);
        private List<String> activities = DEFAULT_ACTIVITIES;
        private List<String> keyAttributes = List.of("carrier");

        public Builder window(Duration v) { window = v; return this; }
        public Builder allowedLateness(Duration v) { allowedLateness = v; return this; }
        public Builder recurring(int n, int m) { recurringN = n; recurringM = m; return this; }
        public Builder minCount(int v) { minCount = v; return this; }
        public Builder spikeK(double v) { spikeK = v; return this; }
        public Builder spikeMinCount(int v) { spikeMinCount = v; return this; }
        public Builder ewmaAlpha(double v) { ewmaAlpha = v; return this; }
        public Builder warmup(Duration v) { warmup = v; return this; }
        public Builder idleExpiry(Duration v) { idleExpiry = v; return this; }
        public Builder scopes(PatternScope... v) { scopes = List.of(v); return this; }
        public Builder recurringScopes(PatternScope... v) { recurringScopes = List.of(v); return this; }
        public Builder activities(String... v) { activities = List.of(v); return this; }
        public Builder keyAttributes(String... v) { keyAttributes = List.of(v); return this; }

        public PatternConfig build() {
            return new PatternConfig(window, allowedLateness, recurringN, recurringM, minCount, spikeK, spikeMinCount,
                    ewmaAlpha, warmup, idleExpiry, scopes, recurringScopes, activities, keyAttributes);
        }
    }
}
