package io.fpi.policies.sla;

/** How much a finding matters, set per policy and per milestone or stage in the policy file. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
