package io.fpi.api.findings;

import java.time.Instant;

/**
 * What {@code GET /api/findings} asks for, already validated; null means "no filter".
 *
 * @param severity lower case, as stored
 * @param from     inclusive lower bound of detected_at
 * @param to       exclusive upper bound of detected_at
 * @param after    the sort key of the previous page's last finding, or null for the first page
 */
public record FindingFilter(FindingType type, String dataset, String orderId, String node, String severity, Instant from,
                            Instant to, int limit, FindingCursor after, String channel, String fulfillmentType) {

    public FindingFilter(FindingType type, String dataset, String orderId, String node, String severity, Instant from,
                         Instant to, int limit, FindingCursor after) {
        this(type, dataset, orderId, node, severity, from, to, limit, after, null, null);
    }
}
