package io.fpi.detection.patterns.records;

/**
 * One exception-like event counted under one pattern key (an event yields one hit per scope).
 * A Flink POJO: public fields, no-arg constructor.
 */
public class PatternHit {
    /** Key of the detector: dataset, scope and pattern key, separated by U+001F. */
    public String key;
    public String dataset;
    public String scope;
    /** Readable identity of the key within dataset and scope, see {@code PatternKeys}. */
    public String patternKey;
    public String activity;
    public String errorCode;
    public String sourceSystem;
    /** Null where the scope does not key by it. */
    public String nodeId;
    public String region;
    public String channel;
    /** The configured key attributes the event carries, sorted by name. */
    public String[] attrKeys;
    public String[] attrValues;
    public long eventTimeMs;
    public String orderId;
    /** Start of the first window of the dataset, as far as the dataset clock has seen. */
    public long datasetStartMs;

    public PatternHit() {}

    @Override
    public String toString() {
        return "PatternHit[" + dataset + " " + scope + " " + patternKey + " @" + eventTimeMs + " " + orderId + "]";
    }
}
