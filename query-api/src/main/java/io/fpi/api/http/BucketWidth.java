package io.fpi.api.http;

import java.util.Map;

/** Time buckets that start on whole UTC minutes, hours or days (for rollups and bucketed edges). */
public enum BucketWidth implements WireNamed {
    MINUTE("minute", 60_000L),
    HOUR("hour", 3_600_000L),
    DAY("day", 86_400_000L);

    /** wire name -> width: the whitelist for {@code ?interval=}. */
    public static final Map<String, BucketWidth> BY_NAME = WireNamed.byName(values());

    private final String wireName;
    private final long millis;

    BucketWidth(String wireName, long millis) {
        this.wireName = wireName;
        this.millis = millis;
    }

    @Override
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

    /** How many buckets [from, to) touches. */
    public long points(long fromMs, long toMs) {
        long first = floor(fromMs);
        return (toMs - first + millis - 1) / millis;
    }
}
