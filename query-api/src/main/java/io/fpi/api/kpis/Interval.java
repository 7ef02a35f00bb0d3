package io.fpi.api.kpis;

/** Bucket widths for time series; buckets start at whole minutes/hours UTC. */
public enum Interval {
    MINUTE("minute", 60_000L),
    HOUR("hour", 3_600_000L);

    private final String wireName;
    private final long millis;

    Interval(String wireName, long millis) {
        this.wireName = wireName;
        this.millis = millis;
    }

    public String wireName() {
        return wireName;
    }

    public long millis() {
        return millis;
    }

    /** The start of the bucket holding {@code epochMs} (non-negative times only). */
    public long floor(long epochMs) {
        return epochMs - epochMs % millis;
    }
}
