package io.fpi.detection.patterns;

import io.fpi.detection.patterns.records.OpenWindow;
import io.fpi.detection.patterns.records.PatternState;
import io.fpi.detection.patterns.records.WindowCount;
import io.fpi.schemas.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules, applied when one window of one key closes; pure logic on {@link PatternState}, with no
 * Flink in it. Windows close strictly in order and every window closes, zero windows included, so
 * the outcome is a function of the key's counts alone (PATTERNS.md has the full definitions):
 *
 * <ul>
 *   <li><b>spike</b>: past the dataset's warm-up, the count is at least the minimum spike count and
 *       above the baseline threshold. A spike episode starts at the first such window (one
 *       EXCEPTION_SPIKE finding) and lasts while counts stay above the release threshold
 *       {@code mean + k/2 * sigma}; the first window at or below it ends the episode (RESOLVED).
 *       The lower release threshold keeps one incident one episode when its counts wobble.</li>
 *   <li><b>recurring</b> (in the recurring scopes only): the key is active (count at least the minimum count) in at least N of the
 *       last M windows. An episode starts when that first holds (one RECURRING_EXCEPTION finding,
 *       dated from the first active window of the lookback) and ends when the key has been
 *       inactive for M windows in a row (RESOLVED).</li>
 *   <li><b>baseline</b>: learned after the rules, from earlier windows only; past the warm-up a
 *       count above the threshold is learned as the threshold, so an ongoing spike does not become
 *       its own baseline at once, while a lasting change of level is still absorbed over hours.</li>
 * </ul>
 */
public final class WindowEvaluator {
    private final PatternConfig config;
    private final PatternFindings findings;

    public WindowEvaluator(PatternConfig config) {
        this.config = config;
        this.findings = new PatternFindings(config);
    }

    /** What closing one window produced: findings in a fixed order, and the row (null for a plain zero window). */
    public record Outcome(List<Finding> findings, WindowCount row) {}

    /** Closes the window starting at {@code windowStartMs} (the key's oldest open one) with its contents, if any. */
    public Outcome close(PatternState s, long windowStartMs, OpenWindow window) {
        int count = window == null ? 0 : window.count;
        long windowMs = config.windowMs();
        if (s.closedWindows == 0) {
            Baseline.startWithZeros(s, (windowStartMs - s.datasetStartMs) / windowMs, config.ewmaAlpha());
        }
        Baseline baseline = Baseline.of(s, config.spikeK());
        boolean warmedUp = windowStartMs - s.datasetStartMs >= config.warmup().toMillis();
        System.arraycopy(s.recent, 1, s.recent, 0, s.recent.length - 1);
        s.recent[s.recent.length - 1] = count;
        int active = activeWindows(s);

        List<Finding> out = new ArrayList<>(2);
        boolean spike = s.inSpike()
                ? count > baseline.releaseThreshold()
                : warmedUp && count >= config.spikeMinCount() && count > baseline.threshold();
        boolean wasInEpisode = s.inSpike() || s.inRecurring();
        spikeRule(s, windowStartMs, window, count, baseline, spike, out);
        if (config.recurringIn(s.scope)) {
            recurringRule(s, windowStartMs, window, count, baseline, active, out);
        }

        Baseline.learn(s, warmedUp ? Math.min(count, baseline.threshold()) : count, config.ewmaAlpha());
        s.quietWindows = count == 0 ? s.quietWindows + 1 : 0;
        s.closedWindows++;

        WindowCount row = count > 0 || wasInEpisode || s.inSpike() || s.inRecurring()
                ? row(s, windowStartMs, window, count, baseline, active, spike) : null;
        return new Outcome(out, row);
    }

    private void spikeRule(PatternState s, long windowStartMs, OpenWindow window, int count, Baseline baseline,
                           boolean spike, List<Finding> out) {
        if (spike) {
            if (!s.inSpike()) {
                s.spikeStartMs = windowStartMs;
                s.spikeTotal = 0;
                s.spikePeak = 0;
                s.spikeWindows = 0;
                s.spikeBaselineMean = baseline.mean();
            }
            s.spikeTotal += count;
            s.spikePeak = Math.max(s.spikePeak, count);
            s.spikeWindows++;
            if (s.spikeWindows == 1) {
                out.add(findings.spike(s, windowStartMs, window, count, baseline));
            }
        } else if (s.inSpike()) {
            out.add(findings.spikeResolved(s, windowStartMs, count, baseline));
            s.spikeStartMs = -1;
        }
    }

    private void recurringRule(PatternState s, long windowStartMs, OpenWindow window, int count, Baseline baseline,
                               int active, List<Finding> out) {
        if (!s.inRecurring()) {
            if (active >= config.recurringN()) {
                int first = firstActive(s);
                s.recurringStartMs = windowStartMs - (long) (s.recent.length - 1 - first) * config.windowMs();
                s.recurringTotal = 0;
                s.recurringPeak = 0;
                for (int i = first; i < s.recent.length; i++) {
                    s.recurringTotal += s.recent[i];
                    s.recurringPeak = Math.max(s.recurringPeak, s.recent[i]);
                }
                s.recurringWindows = s.recent.length - first;
                out.add(findings.recurring(s, windowStartMs, window, count, baseline, active));
            }
        } else if (active == 0) {
            out.add(findings.recurringResolved(s, windowStartMs, baseline));
            s.recurringStartMs = -1;
        } else {
            s.recurringTotal += count;
            s.recurringPeak = Math.max(s.recurringPeak, count);
            s.recurringWindows++;
        }
    }

    private int activeWindows(PatternState s) {
        return PatternFindings.activeWindows(s.recent, config.minCount());
    }

    private int firstActive(PatternState s) {
        for (int i = 0; i < s.recent.length; i++) {
            if (s.recent[i] >= config.minCount()) {
                return i;
            }
        }
        return s.recent.length - 1;
    }

    private WindowCount row(PatternState s, long windowStartMs, OpenWindow window, int count, Baseline baseline,
                            int active, boolean spike) {
        WindowCount w = new WindowCount();
        w.dataset = s.dataset;
        w.scope = s.scope;
        w.patternKey = s.patternKey;
        w.activity = s.activity;
        w.errorCode = s.errorCode;
        w.sourceSystem = s.sourceSystem;
        w.nodeId = s.nodeId;
        w.region = s.region;
        w.channel = s.channel;
        w.attrKeys = s.attrKeys;
        w.attrValues = s.attrValues;
        w.windowStartMs = windowStartMs;
        w.windowMs = config.windowMs();
        w.eventCount = count;
        w.baselineMean = baseline.mean();
        w.baselineSigma = baseline.sigma();
        w.threshold = baseline.threshold();
        w.activeWindows = active;
        w.spike = spike;
        w.spikeFindingId = s.inSpike() ? findings.spikeId(s) : "";
        w.recurringFindingId = s.inRecurring() ? findings.recurringId(s) : "";
        w.sampleOrders = window == null ? new String[0] : window.sampleOrders;
        return w;
    }
}
