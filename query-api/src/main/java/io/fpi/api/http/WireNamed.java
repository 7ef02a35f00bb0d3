package io.fpi.api.http;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A whitelisted choice (an enum constant) with the name it has in URLs and JSON. */
public interface WireNamed {
    String wireName();

    /** The constants by wire name: the whitelist a parameter is looked up in. */
    static <E extends WireNamed> Map<String, E> byName(E[] values) {
        return Map.copyOf(Arrays.stream(values).collect(Collectors.toMap(WireNamed::wireName, Function.identity())));
    }
}
