package io.fpi.api.findings;

import java.time.Instant;
import java.util.List;

/** The answer of {@code GET /api/findings}: newest first, with the filters that produced it. */
public record FindingList(List<Finding> findings, int count, int limit, String type, String dataset, String orderId,
                          Instant from, Instant to) {
    public FindingList {
        findings = List.copyOf(findings);
    }
}
