package io.fpi.api.exceptions;

import io.fpi.api.http.WireNamed;
import java.util.Map;

/** The scopes the pattern detector counts in (PATTERNS.md "Keys and scopes"): the whitelist of {@code ?scope=}. */
public enum PatternScope implements WireNamed {
    NODE, REGION, CHANNEL, ALL;

    public static final Map<String, PatternScope> BY_NAME = WireNamed.byName(values());

    /** As stored in exception_windows.scope. */
    @Override
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
