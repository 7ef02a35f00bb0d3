package io.fpi.api.exceptions;

import java.time.Instant;

/** What {@code /api/exceptions/patterns} asks for, validated; null filters mean "every value". */
public record PatternQuery(String dataset, PatternScope scope, String errorCode, String sourceSystem, String node,
                           String region, String channel, Instant from, Instant to, int limit) {
}
