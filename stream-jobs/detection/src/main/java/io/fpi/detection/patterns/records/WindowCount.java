package io.fpi.detection.patterns.records;

/**
 * One closed window of one pattern key: a row of table {@code exception_windows}. Written for
 * windows with events and for every window while an episode is open (so a trend shows its zeros
 * then); any other window of a key is a zero. A Flink POJO.
 */
public class WindowCount {
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
    public long windowStartMs;
    public long windowMs;
    public int eventCount;
    /** The baseline this window was compared with (learned from earlier windows only). */
    public double baselineMean;
    public double baselineSigma;
    public double threshold;
    /** Windows among the last M (this one included) in which the key was active. */
    public int activeWindows;
    /** This window belongs to a spike episode (it started one, or stayed above the release threshold). */
    public boolean spike;
    /** Ids of the episodes open after this window ("" when none). */
    public String spikeFindingId;
    public String recurringFindingId;
    public String[] sampleOrders;

    public WindowCount() {}

    @Override
    public String toString() {
        return "WindowCount[" + dataset + " " + scope + " " + patternKey + " @" + windowStartMs + " n=" + eventCount
                + (spike ? " spike" : "") + (recurringFindingId.isEmpty() ? "" : " recurring") + "]";
    }
}
