package io.fpi.detection.patterns;

import java.util.Locale;

/**
 * The granularity at which exception-like events are counted. Every event is counted once in
 * each configured scope, so a problem spread thinly over many nodes (a carrier outage touches
 * every DC and store) still stands out as one large count in a coarser scope, while a problem of
 * one node stays visible at {@link #NODE}. Every scope keys by dataset, activity, error code,
 * source system and the configured key attributes (e.g. {@code carrier}); the scope adds:
 */
public enum PatternScope {
    /** node, region and channel: the key (code, node, channel, source system, region). */
    NODE(true, true, true),
    /** region only: a problem of one region's stores or DC. */
    REGION(false, true, false),
    /** channel only: a problem of one storefront channel. */
    CHANNEL(false, false, true),
    /** no location at all: a problem of a system or carrier everywhere. */
    ALL(false, false, false);

    private final boolean node;
    private final boolean region;
    private final boolean channel;

    PatternScope(boolean node, boolean region, boolean channel) {
        this.node = node;
        this.region = region;
        this.channel = channel;
    }

    public boolean keysNode() {
        return node;
    }

    public boolean keysRegion() {
        return region;
    }

    public boolean keysChannel() {
        return channel;
    }

    /** As written in tables, findings and FPI_PATTERN_SCOPES: lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PatternScope parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown pattern scope '" + s + "' (use node, region, channel or all)");
        }
    }
}
