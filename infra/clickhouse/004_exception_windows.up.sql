-- Windowed counts of exception-like events per pattern key (stream-jobs/detection/PATTERNS.md),
-- written by the exception-pattern detector when a window closes: every window with events, and
-- every window while a spike or recurring episode of the key is open. A missing window is a zero.
-- Rows are a pure function of the input, so a replay after a restore rewrites identical rows and
-- ReplacingMergeTree + FINAL shows each (dataset, scope, pattern_key, window_ms, window_start_ms) once.
-- Baseline figures are stored in thousandths (Int64) and read as Float64 through the ALIAS columns.
CREATE TABLE IF NOT EXISTS exception_windows (
    dataset              String,
    scope                String,
    pattern_key          String,
    activity             String,
    error_code           String,
    source_system        String,
    node_id              String,
    region               String,
    channel              String,
    attr_keys            Array(String),
    attr_values          Array(String),
    window_start_ms      Int64,
    window_ms            Int64,
    window_date          Date,
    event_count          Int64,
    baseline_mean_milli  Int64,
    baseline_sigma_milli Int64,
    threshold_milli      Int64,
    active_windows       Int32,
    spike                UInt8,
    spike_finding_id     String,
    recurring_finding_id String,
    sample_orders        Array(String),
    baseline_mean        Float64 ALIAS baseline_mean_milli / 1000,
    baseline_sigma       Float64 ALIAS baseline_sigma_milli / 1000,
    threshold            Float64 ALIAS threshold_milli / 1000
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(window_date)
ORDER BY (dataset, scope, pattern_key, window_ms, window_start_ms);
