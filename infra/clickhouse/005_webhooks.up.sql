-- Breach webhooks (stream-jobs/webhooks): subscriptions, the delivery outbox (pending retries and
-- dead letters) and the delivery log. Runs on ClickHouse 18.16 and current releases: times are
-- epoch-ms Int64, no TTL, no LowCardinality, no Map.

-- One row per version of a subscription; the highest version wins (read with FINAL). A delete is a
-- new version with deleted = 1, so the history stays and a restarted dispatcher sees the delete.
-- secret_enc holds the signing secret encrypted with AES-256-GCM (never the plain text).
CREATE TABLE IF NOT EXISTS webhook_subscriptions (
    subscription_id       String,
    version               UInt64,
    deleted               UInt8,
    enabled               UInt8,
    url                   String,
    secret_enc            String,
    format                String,
    filters_json          String,
    group_window_ms       Int64,
    group_by              Array(String),
    rate_limit_per_minute Int32,
    description           String,
    created_at_ms         Int64,
    updated_at_ms         Int64
) ENGINE = ReplacingMergeTree(version)
ORDER BY subscription_id;

-- The state of every delivery (one alert to one subscription): pending (not yet delivered; a
-- dispatcher restart reloads these), delivered, or dead (a dead letter: gave up after the maximum
-- age, or the subscription was deleted). A new version per attempt; read with FINAL.
CREATE TABLE IF NOT EXISTS webhook_outbox (
    subscription_id    String,
    delivery_id        String,
    version            UInt64,
    state              String,
    kind               String,
    idempotency_key    String,
    finding_count      UInt32,
    attempts           UInt32,
    created_at_ms      Int64,
    created_date       Date,
    next_attempt_at_ms Int64,
    updated_at_ms      Int64,
    last_http_status   Int32,
    last_error         String
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(created_date)
ORDER BY (subscription_id, delivery_id);

-- The delivery log, append only: one 'queued' row per delivery when it is created (the only row
-- carrying the body and the finding ids, used for reloads and redeliveries), then one 'attempt'
-- row per HTTP attempt and a 'dead_lettered' row when the dispatcher gives up.
CREATE TABLE IF NOT EXISTS webhook_deliveries (
    subscription_id    String,
    delivery_id        String,
    event              String,
    attempt            UInt32,
    event_at_ms        Int64,
    event_date         Date,
    kind               String,
    idempotency_key    String,
    finding_ids        Array(String),
    finding_count      UInt32,
    outcome            String,
    http_status        Int32,
    latency_ms         Int64,
    error              String,
    next_attempt_at_ms Int64,
    redelivery_of      String,
    body               String
) ENGINE = MergeTree
PARTITION BY toYYYYMM(event_date)
ORDER BY (subscription_id, event_at_ms, delivery_id, attempt);
