-- KPIs per minute and per-event times in traces (process mining). Runs on ClickHouse 18.16 and
-- current releases. Design and restore story: stream-jobs/detection/KPIS.md.
--
-- kpi_minute: one row per (dataset, minute, channel, fulfillment type, region, node), written by
-- the KPI topology (io.fpi.detection.kpi). version = number of contributions folded into the row,
-- so a later, fuller row replaces an earlier one and a replay after a restore rewrites identical
-- rows. Readers use FINAL; hours and days are sums of minute rows at query time (no materialized
-- view: a view would see every replayed insert and count it twice).
-- Durations (cycle, exception resolution, refund) are log-spaced histograms, bucket index ->
-- count, merged with sumMap: quantiles over any range within 2 % (DurationSketch).
CREATE TABLE IF NOT EXISTS kpi_minute (
    dataset                   String,
    minute_ms                 Int64,
    minute_date               Date,
    channel                   String,
    fulfillment_type          String,
    region                    String,
    node_id                   String,
    version                   UInt64,
    orders_placed             Int64,
    orders_completed          Int64,
    orders_cancelled          Int64,
    orders_returned           Int64,
    units_ordered             Int64,
    units_fulfilled           Int64,
    cycle_count               Int64,
    cycle_sum_ms              Int64,
    cycle_buckets             Array(Int32),
    cycle_counts              Array(Int64),
    sla_due                   Int64,
    sla_met                   Int64,
    exceptions_raised         Int64,
    exceptions_resolved       Int64,
    resolution_sum_ms         Int64,
    resolution_buckets        Array(Int32),
    resolution_counts         Array(Int64),
    refunds                   Int64,
    refund_sum_ms             Int64,
    refund_buckets            Array(Int32),
    refund_counts             Array(Int64),
    inventory_syncs           Int64,
    inventory_sync_mismatches Int64,
    integration_systems       Array(String),
    integration_failures      Array(Int64),
    cost_orders               Int64,
    cost_minor                Int64
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(minute_date)
ORDER BY (dataset, minute_ms, channel, fulfillment_type, region, node_id);

-- The event time of each entry of traces.activities (same order), for directly-follows transition
-- times and bottlenecks. Rows written before this migration read it as [] and count in frequencies
-- but not in times. 18.16 has no ADD COLUMN IF NOT EXISTS; Migrations records 003 once applied,
-- and this statement comes last so that nothing after it can fail and make it run twice.
ALTER TABLE traces ADD COLUMN activity_times_ms Array(Int64);
