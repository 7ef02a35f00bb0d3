package io.fpi.api.exceptions;

import io.fpi.api.http.WireNamed;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The scopes the pattern detector counts in (PATTERNS.md "Keys and scopes"): the whitelist of {@code ?scope=}. */
public enum PatternScope implements WireNamed {
    NODE, REGION, CHANNEL, ALL;

    public static final Map<String, PatternScope> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toMap(PatternScope::wireName, Function.identity()));

    /** As stored in exception_windows.scope. */
    @Override
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
