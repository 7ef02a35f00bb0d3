package io.fpi.detection.patterns.records;

/** Per dataset: its first window (for warm-up and zero history of new keys) and its cleanup timer. A Flink POJO. */
public class DatasetClock {
    public long firstWindowStartMs;
    public long lastEventTimeMs;
    /** The one registered cleanup timer (event time). */
    public long timerMs;

    public DatasetClock() {}
}
