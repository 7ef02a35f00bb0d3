package io.fpi.detection.patterns;

import io.fpi.detection.findings.FindingTypes;
import io.fpi.detection.patterns.records.OpenWindow;
import io.fpi.detection.patterns.records.PatternState;
import io.fpi.schemas.Finding;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the findings of exception patterns: deterministic ids from event-time facts (dataset,
 * scope, pattern key, episode start), a readable message, and the evidence a person needs to judge
 * it without a query. Every number is formatted with {@link Locale#ROOT}, so a replay writes the
 * same strings. Evidence keys are listed in PATTERNS.md.
 */
final class PatternFindings {
    private final PatternConfig config;

    PatternFindings(PatternConfig config) {
        this.config = config;
    }

    String spikeId(PatternState s) {
        return FindingTypes.id(FindingTypes.EXCEPTION_SPIKE, s.dataset, s.scope, s.patternKey, Long.toString(s.spikeStartMs));
    }

    String recurringId(PatternState s) {
        return FindingTypes.id(FindingTypes.RECURRING_EXCEPTION, s.dataset, s.scope, s.patternKey,
                Long.toString(s.recurringStartMs));
    }

    static String resolvedId(String dataset, String resolves) {
        return FindingTypes.id(FindingTypes.RESOLVED, dataset, resolves);
    }

    Finding spike(PatternState s, long windowStartMs, OpenWindow window, int count, Baseline b) {
        boolean critical = count >= b.mean() + 2 * config.spikeK() * b.sigma() && count >= 2 * config.spikeMinCount();
        Map<String, String> evidence = evidence(s, windowStartMs, window, count, b);
        evidence.put("episode_start_ms", Long.toString(s.spikeStartMs));
        evidence.put("score", Long.toString(Math.round(count - b.mean())));
        String message = String.format(Locale.ROOT, "Spike of %s: %d in the %s window from %s, baseline %s ± %s per window (threshold %s).",
                describe(s), count, duration(config.windowMs()), Instant.ofEpochMilli(windowStartMs), num(b.mean()),
                num(b.sigma()), num(b.threshold()));
        return base(s, spikeId(s), FindingTypes.EXCEPTION_SPIKE, windowStartMs, critical ? FindingTypes.CRITICAL : FindingTypes.WARNING)
                .setMessage(message).setEvidence(evidence).build();
    }

    Finding recurring(PatternState s, long windowStartMs, OpenWindow window, int count, Baseline b, int active) {
        int m = config.recurringM();
        long lookbackTotal = 0;
        for (int c : s.recent) {
            lookbackTotal += c;
        }
        boolean warning = active == m && lookbackTotal >= (long) m * config.spikeMinCount();
        Map<String, String> evidence = evidence(s, windowStartMs, window, count, b);
        evidence.put("episode_start_ms", Long.toString(s.recurringStartMs));
        evidence.put("score", Long.toString(Math.round(lookbackTotal - m * b.mean())));
        String message = String.format(Locale.ROOT, "Recurring %s: active in %d of the last %d %s windows (counts %s), since %s.",
                describe(s), active, m, duration(config.windowMs()), counts(s.recent), Instant.ofEpochMilli(s.recurringStartMs));
        return base(s, recurringId(s), FindingTypes.RECURRING_EXCEPTION, windowStartMs, warning ? FindingTypes.WARNING : FindingTypes.INFO)
                .setMessage(message).setEvidence(evidence).build();
    }

    Finding spikeResolved(PatternState s, long windowStartMs, int count, Baseline b) {
        String resolves = spikeId(s);
        Map<String, String> evidence = episodeEvidence(s, windowStartMs, s.spikeStartMs, s.spikeWindows, s.spikeTotal, s.spikePeak);
        evidence.put("count", Integer.toString(count));
        evidence.put("release_threshold", num(b.releaseThreshold()));
        evidence.put("baseline_mean_at_start", num(s.spikeBaselineMean));
        String message = String.format(Locale.ROOT, "Spike of %s is over: %d in the window from %s (back within %s); it lasted %d windows from %s with %d events, peak %d.",
                describe(s), count, Instant.ofEpochMilli(windowStartMs), num(b.releaseThreshold()), s.spikeWindows,
                Instant.ofEpochMilli(s.spikeStartMs), s.spikeTotal, s.spikePeak);
        return base(s, resolvedId(s.dataset, resolves), FindingTypes.RESOLVED, windowStartMs, FindingTypes.INFO)
                .setResolves(resolves).setMessage(message).setEvidence(evidence).build();
    }

    Finding recurringResolved(PatternState s, long windowStartMs, Baseline b) {
        String resolves = recurringId(s);
        Map<String, String> evidence = episodeEvidence(s, windowStartMs, s.recurringStartMs, s.recurringWindows,
                s.recurringTotal, s.recurringPeak);
        evidence.put("baseline_mean", num(b.mean()));
        String message = String.format(Locale.ROOT, "Recurring %s has stopped: no active window in the last %d; it lasted %d windows from %s with %d events, peak %d.",
                describe(s), config.recurringM(), s.recurringWindows, Instant.ofEpochMilli(s.recurringStartMs),
                s.recurringTotal, s.recurringPeak);
        return base(s, resolvedId(s.dataset, resolves), FindingTypes.RESOLVED, windowStartMs, FindingTypes.INFO)
                .setResolves(resolves).setMessage(message).setEvidence(evidence).build();
    }

    private Finding.Builder base(PatternState s, String id, String type, long windowStartMs, String severity) {
        return Finding.newBuilder()
                .setFindingId(id)
                .setType(type)
                .setDataset(s.dataset)
                .setDetectedAt(windowStartMs + config.windowMs())
                .setSeverity(severity)
                .setNodeId(emptyToNull(s.nodeId))
                .setRegion(emptyToNull(s.region))
                .setChannel(emptyToNull(s.channel))
                .setSourceSystem(emptyToNull(s.sourceSystem))
                .setErrorCode(s.errorCode);
    }

    private Map<String, String> evidence(PatternState s, long windowStartMs, OpenWindow window, int count, Baseline b) {
        Map<String, String> e = keyEvidence(s);
        long windowMs = config.windowMs();
        e.put("window_start_ms", Long.toString(windowStartMs));
        e.put("window_end_ms", Long.toString(windowStartMs + windowMs));
        e.put("count", Integer.toString(count));
        e.put("counts", counts(s.recent));
        e.put("counts_from_ms", Long.toString(windowStartMs - (long) (s.recent.length - 1) * windowMs));
        e.put("baseline_mean", num(b.mean()));
        e.put("baseline_sigma", num(b.sigma()));
        e.put("threshold", num(b.threshold()));
        e.put("k", num(config.spikeK()));
        e.put("alpha", num(config.ewmaAlpha()));
        e.put("n", Integer.toString(config.recurringN()));
        e.put("m", Integer.toString(config.recurringM()));
        e.put("min_count", Integer.toString(config.minCount()));
        e.put("active_windows", Integer.toString(activeWindows(s.recent, config.minCount())));
        e.put("sample_orders", window == null ? "" : String.join(",", window.sampleOrders));
        return e;
    }

    private Map<String, String> episodeEvidence(PatternState s, long windowStartMs, long startMs, int windows, long total, int peak) {
        Map<String, String> e = keyEvidence(s);
        e.put("window_start_ms", Long.toString(windowStartMs));
        e.put("window_end_ms", Long.toString(windowStartMs + config.windowMs()));
        e.put("counts", counts(s.recent));
        e.put("episode_start_ms", Long.toString(startMs));
        e.put("episode_windows", Integer.toString(windows));
        e.put("episode_events", Long.toString(total));
        e.put("episode_peak", Integer.toString(peak));
        return e;
    }

    private Map<String, String> keyEvidence(PatternState s) {
        Map<String, String> e = new HashMap<>();
        e.put("scope", s.scope);
        e.put("pattern_key", s.patternKey);
        e.put("activity", s.activity);
        e.put("window_ms", Long.toString(config.windowMs()));
        for (int i = 0; i < s.attrKeys.length; i++) {
            e.put(s.attrKeys[i], s.attrValues[i]);
        }
        return e;
    }

    /** e.g. "CARRIER_API_5XX (INTEGRATION_CALL_FAILED) from CARRIER, carrier SWIFTSHIP, at all nodes". */
    static String describe(PatternState s) {
        StringBuilder b = new StringBuilder(s.errorCode);
        if (!s.errorCode.equals(s.activity)) {
            b.append(" (").append(s.activity).append(')');
        }
        b.append(" from ").append(s.sourceSystem);
        for (int i = 0; i < s.attrKeys.length; i++) {
            b.append(", ").append(s.attrKeys[i]).append(' ').append(s.attrValues[i]);
        }
        if (s.nodeId != null) {
            b.append(", at ").append(s.nodeId.isEmpty() ? "no node" : s.nodeId);
            if (s.region != null && !s.region.isEmpty()) {
                b.append(" (").append(s.region).append(')');
            }
        } else if (s.region != null) {
            b.append(", in region ").append(s.region.isEmpty() ? "(none)" : s.region);
        } else {
            b.append(", at all nodes");
        }
        if (s.channel != null) {
            b.append(", channel ").append(s.channel.isEmpty() ? "(none)" : s.channel);
        }
        return b.toString();
    }

    static int activeWindows(int[] recent, int minCount) {
        int n = 0;
        for (int c : recent) {
            if (c >= minCount) {
                n++;
            }
        }
        return n;
    }

    static String counts(int[] recent) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < recent.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(recent[i]);
        }
        return b.toString();
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String duration(long ms) {
        if (ms % 3_600_000L == 0) {
            return (ms / 3_600_000L) + "-h";
        }
        if (ms % 60_000L == 0) {
            return (ms / 60_000L) + "-min";
        }
        return (ms / 1000) + "-s";
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
