package io.fpi.api.findings;

import io.fpi.api.http.WireNamed;

/**
 * The finding types the detection operators write (io.fpi.detection.findings.FindingTypes): the
 * whitelist for {@code ?type=}.
 */
public enum FindingType implements WireNamed {
    SLA_BREACH, AT_RISK, STALL, RESOLVED, RECURRING_EXCEPTION, EXCEPTION_SPIKE;

    /** As stored in findings.type and accepted in the query string (case-insensitive there). */
    @Override
    public String wireName() {
        return name();
    }
}
