package io.fpi.api.findings;

import java.time.Instant;

/**
 * What {@code GET /api/findings} asks for, already validated; null means "no filter".
 *
 * @param from inclusive lower bound of detected_at
 * @param to   exclusive upper bound of detected_at
 */
public record FindingFilter(FindingType type, String dataset, String orderId, Instant from, Instant to, int limit) {
}
