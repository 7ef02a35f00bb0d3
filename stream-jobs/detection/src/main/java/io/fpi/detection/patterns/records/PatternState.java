package io.fpi.detection.patterns.records;

/**
 * Everything the detector keeps per pattern key except the windows still open (those are in a
 * MapState, since a watermark held back by a slow partition can leave several open). A Flink POJO;
 * PATTERNS.md explains the fields' roles and size.
 */
public class PatternState {
    // identity, from the key's first hit
    public String dataset;
    public String scope;
    public String patternKey;
    public String activity;
    public String errorCode;
    public String sourceSystem;
    public String nodeId;
    public String region;
    public String channel;
    public String[] attrKeys;
    public String[] attrValues;

    // clock
    /** First window of the dataset: history before this key's first window counts as zeros back to here. */
    public long datasetStartMs;
    /** Oldest window not yet closed; the key's one event-time timer is at its close time. */
    public long nextWindowStartMs;
    public long closedWindows;
    /** Consecutive closed windows with count 0; the key is dropped after the idle expiry. */
    public long quietWindows;

    // history and baseline
    /** Counts of the last M closed windows, oldest first. */
    public int[] recent;
    /** Exponentially weighted sums over closed windows: of 1, of the learned count, of its square. */
    public double weight;
    public double weightedSum;
    public double weightedSquares;

    // episodes (start = -1: none open)
    public long recurringStartMs = -1;
    public long recurringTotal;
    public int recurringPeak;
    public int recurringWindows;
    public long spikeStartMs = -1;
    public long spikeTotal;
    public int spikePeak;
    public int spikeWindows;
    /** Baseline at the start of the open spike episode, for its resolution message. */
    public double spikeBaselineMean;

    public PatternState() {}

    public static PatternState of(PatternHit hit, long windowStartMs, int lookback) {
        PatternState s = new PatternState();
        s.dataset = hit.dataset;
        s.scope = hit.scope;
        s.patternKey = hit.patternKey;
        s.activity = hit.activity;
        s.errorCode = hit.errorCode;
        s.sourceSystem = hit.sourceSystem;
        s.nodeId = hit.nodeId;
        s.region = hit.region;
        s.channel = hit.channel;
        s.attrKeys = hit.attrKeys;
        s.attrValues = hit.attrValues;
        s.datasetStartMs = Math.min(hit.datasetStartMs, windowStartMs);
        s.nextWindowStartMs = windowStartMs;
        s.recent = new int[lookback];
        return s;
    }

    public boolean inSpike() {
        return spikeStartMs >= 0;
    }

    public boolean inRecurring() {
        return recurringStartMs >= 0;
    }
}
