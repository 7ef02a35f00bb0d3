package io.fpi.detection.patterns;

import io.fpi.detection.findings.FindingTypes;
import io.fpi.schemas.Finding;
import java.util.Comparator;

/**
 * The order in which pattern findings are "top findings": severity (critical first), then score
 * (evidence {@code score}: events in excess of the baseline), then the earlier detection, then id.
 * The same order in SQL: {@code ORDER BY severity = 'critical' DESC, severity = 'warning' DESC,
 * toInt64OrZero(evidence_values[indexOf(evidence_keys, 'score')]) DESC, detected_at_ms, finding_id}.
 */
public final class PatternRanking {
    public static final Comparator<Finding> TOP_FIRST = Comparator
            .comparingInt((Finding f) -> severityRank(f.getSeverity())).reversed()
            .thenComparing(Comparator.comparingLong(PatternRanking::score).reversed())
            .thenComparingLong(Finding::getDetectedAt)
            .thenComparing(Finding::getFindingId);

    private PatternRanking() {}

    public static int severityRank(String severity) {
        if (FindingTypes.CRITICAL.equals(severity)) {
            return 2;
        }
        return FindingTypes.WARNING.equals(severity) ? 1 : 0;
    }

    /** The evidence score, 0 when absent (e.g. RESOLVED findings, which rank last among equals). */
    public static long score(Finding f) {
        String s = f.getEvidence() == null ? null : f.getEvidence().get("score");
        if (s == null) {
            return 0;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
