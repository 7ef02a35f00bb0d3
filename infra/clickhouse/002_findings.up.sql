-- Findings of the detection operators (SLA_BREACH, AT_RISK, STALL, RESOLVED, RECURRING_EXCEPTION,
-- EXCEPTION_SPIKE). finding_id is deterministic, so a replay after a restore rewrites the same row
-- and ReplacingMergeTree + FINAL shows it once.
CREATE TABLE IF NOT EXISTS findings (
    dataset          String,
    finding_id       String,
    type             String,
    order_id         String,
    detected_at_ms   Int64,
    detected_date    Date,
    severity         String,
    resolves         String,
    policy_id        String,
    policy_version   String,
    milestone        String,
    deadline_ms      Nullable(Int64),
    stage            String,
    last_activity    String,
    idle_ms          Nullable(Int64),
    node_id          String,
    region           String,
    channel          String,
    fulfillment_type String,
    source_system    String,
    error_code       String,
    trace_summary    String,
    message          String,
    evidence_keys    Array(String),
    evidence_values  Array(String)
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(detected_date)
ORDER BY (dataset, type, finding_id);
