package io.fpi.api.findings;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.api.http.Cursor;

/** Where a page of findings ended: the sort key (detected_at desc, finding_id desc) of its last row. */
public record FindingCursor(long detectedAtMs, String findingId) {
    private static final String KIND = "findings";

    public static FindingCursor of(Finding last) {
        return new FindingCursor(last.detectedAt().toEpochMilli(), last.findingId());
    }

    public static FindingCursor parse(String raw) {
        JsonNode[] key = Cursor.decode(raw, KIND, "n", "s");
        return key == null ? null : new FindingCursor(key[0].asLong(), key[1].asText());
    }

    public String encode() {
        return Cursor.encode(KIND, detectedAtMs, findingId);
    }
}
