package io.fpi.webhooks.subscriptions;

import io.fpi.schemas.Finding;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The finding vocabulary as webhooks see it (restated from the detection contract in
 * schemas/src/main/avro/finding.avsc to keep this module free of the Flink detection jobs).
 */
public final class FindingTypes {
    public static final String SLA_BREACH = "SLA_BREACH";
    public static final String AT_RISK = "AT_RISK";
    public static final String STALL = "STALL";
    public static final String RESOLVED = "RESOLVED";
    public static final String RECURRING_EXCEPTION = "RECURRING_EXCEPTION";
    public static final String EXCEPTION_SPIKE = "EXCEPTION_SPIKE";
    public static final List<String> TYPES = List.of(SLA_BREACH, AT_RISK, STALL, RESOLVED, RECURRING_EXCEPTION, EXCEPTION_SPIKE);
    /** Severities in increasing order. */
    public static final List<String> SEVERITIES = List.of("info", "warning", "critical");

    private FindingTypes() {}

    public static int severityRank(String severity) {
        return severity == null ? -1 : SEVERITIES.indexOf(severity.toLowerCase(Locale.ROOT));
    }

    /**
     * The type of the finding a RESOLVED finding resolves: its evidence {@code resolved_type} when
     * present, else the prefix of the resolved id (detection ids are {@code <type lower case>-<hash>},
     * e.g. {@code stall-0123456789abcdef}); null when neither tells.
     */
    public static String resolvedType(Finding f) {
        Map<String, String> evidence = f.getEvidence();
        if (evidence != null) {
            String t = evidence.get("resolved_type");
            if (t != null && TYPES.contains(t.toUpperCase(Locale.ROOT))) {
                return t.toUpperCase(Locale.ROOT);
            }
        }
        String resolves = f.getResolves();
        if (resolves == null) {
            return null;
        }
        int dash = resolves.lastIndexOf('-');
        if (dash <= 0) {
            return null;
        }
        String prefix = resolves.substring(0, dash).toUpperCase(Locale.ROOT);
        return TYPES.contains(prefix) && !prefix.equals(RESOLVED) ? prefix : null;
    }
}
