package io.fpi.api.findings;

import io.fpi.api.http.RecordRows;
import io.fpi.api.http.Tabular;
import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /api/findings}: one page, newest first, the filters that produced it and
 * {@code nextCursor} for the next page (null on the last).
 */
public record FindingList(List<Finding> findings, int count, int limit, String type, String dataset, String orderId,
                          Instant from, Instant to, String node, String channel, String fulfillmentType, String severity,
                          String nextCursor) implements Tabular {
    public FindingList {
        findings = List.copyOf(findings);
    }

    @Override
    public String csvName() {
        return "findings";
    }

    @Override
    public List<String> csvHeader() {
        return RecordRows.header(Finding.class);
    }

    @Override
    public List<List<Object>> csvRows() {
        return RecordRows.rows(findings);
    }
}
