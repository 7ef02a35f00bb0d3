package io.fpi.webhooks.payloads;

import io.fpi.schemas.Finding;
import java.util.List;
import java.util.Map;

/**
 * What one delivery says, before it is rendered in a subscription's format: one finding, one
 * resolve, a group of findings folded by the grouping window, or a test.
 *
 * @param groupLabels  the labels identifying the group (type, dataset, the group-by fields)
 * @param findings     the findings rendered in full, at most the configured maximum
 * @param findingIds   every finding of the alert (the count), capped only by {@link #MAX_IDS} in bodies
 * @param windowStartMs when the group's window opened (0 for a single finding)
 * @param windowEndMs  when it closed (0 for a single finding)
 */
public record Alert(Kind kind, String subscriptionId, String idempotencyKey, Map<String, String> groupLabels,
                    String groupKey, List<Finding> findings, List<String> findingIds, String severity,
                    long windowStartMs, long windowEndMs, long createdAtMs) {

    /** Ids listed per body at most; the count is always exact. */
    public static final int MAX_IDS = 10_000;

    public enum Kind {
        FINDING("finding"), RESOLVED("resolved"), GROUP("group"), TEST("test");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    public int count() {
        return findingIds.size();
    }

    /** Resolves (and groups of them) are "resolved"; everything else is "firing". */
    public boolean resolved() {
        return !findings.isEmpty() && "RESOLVED".equals(findings.get(0).getType());
    }

    public int truncated() {
        return count() - findings.size();
    }
}
