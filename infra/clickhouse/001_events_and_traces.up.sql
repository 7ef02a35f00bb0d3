-- Raw events and per-order traces. Runs on ClickHouse 18.16 and current releases:
-- no DateTime64 (times are epoch-ms Int64), no TTL, no LowCardinality, no Map (attributes are
-- parallel key/value arrays).
--
-- Idempotent writes: the trace job may replay rows after a restore from a checkpoint. Both tables
-- are ReplacingMergeTree keyed by deterministic ids, and readers use FINAL (or argMax), so a
-- replayed row replaces its twin instead of adding a second one.

CREATE TABLE IF NOT EXISTS events (
    dataset          String,
    order_id         String,
    event_id         String,
    activity         String,
    event_time_ms    Int64,
    event_date       Date,
    ingest_time_ms   Int64,
    source_system    String,
    channel          String,
    fulfillment_type String,
    node_id          String,
    region           String,
    promised_by_ms   Nullable(Int64),
    units_ordered    Nullable(Int32),
    units_fulfilled  Nullable(Int32),
    amount_minor     Nullable(Int64),
    cost_minor       Nullable(Int64),
    currency         String,
    error_code       String,
    error_reason     String,
    attr_keys        Array(String),
    attr_values      Array(String),
    sequence         Int64
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(event_date)
ORDER BY (dataset, order_id, event_id);

-- One row per order; a newer version (more events folded in) replaces an older one. Not
-- partitioned by time: an order's first event time can move when a late event arrives, and
-- ReplacingMergeTree only collapses rows within one partition.
CREATE TABLE IF NOT EXISTS traces (
    dataset            String,
    order_id           String,
    version            UInt64,
    status             String,
    placed_at_ms       Int64,
    last_event_ms      Int64,
    completed_at_ms    Nullable(Int64),
    cycle_time_ms      Nullable(Int64),
    event_count        UInt32,
    channel            String,
    fulfillment_type   String,
    node_id            String,
    region             String,
    promised_by_ms     Nullable(Int64),
    units_ordered      Nullable(Int32),
    units_fulfilled    Nullable(Int32),
    current_stage      String,
    last_activity      String,
    variant            String,
    variant_hash       UInt64,
    activities         Array(String),
    stage_names        Array(String),
    stage_start_ms     Array(Int64),
    stage_durations_ms Array(Int64),
    handoff_from       Array(String),
    handoff_to         Array(String),
    handoff_latency_ms Array(Int64)
) ENGINE = ReplacingMergeTree(version)
ORDER BY (dataset, order_id);
