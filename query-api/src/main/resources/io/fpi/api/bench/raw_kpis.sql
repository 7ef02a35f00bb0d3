-- The KPI summary's core computed from raw events alone, as one would without traces or kpi_minute: every
-- order's placement, first closing and status from its events (events FINAL), then the window [{from}, {to}).
SELECT
    countIf(placed >= {from} AND placed < {to}) AS orders_placed,
    countIf(st IN ('completed', 'returned') AND closed >= {from} AND closed < {to}) AS orders_completed,
    countIf(st = 'open' AND placed >= {from} AND placed < {to}) AS orders_open,
    countIf(st = 'cancelled' AND closed >= {from} AND closed < {to}) AS orders_cancelled,
    countIf(st = 'returned' AND closed >= {from} AND closed < {to}) AS orders_returned,
    quantilesExactIf(0.5, 0.9, 0.99)(closed - placed, st IN ('completed', 'returned') AND closed >= {from} AND closed < {to})
        AS cycle_time_quantiles,
    sum(raised) AS exception_count,
    sum(syncs) AS inventory_syncs,
    sum(mismatches) AS inventory_sync_mismatches,
    sum(failures) AS integration_failures
FROM (
    SELECT dataset, order_id,
           if(countIf(activity = 'ORDER_PLACED') > 0, minIf(event_time_ms, activity = 'ORDER_PLACED'), min(event_time_ms)) AS placed,
           minIf(event_time_ms, activity IN ('DELIVERED', 'CUSTOMER_COLLECTED', 'ORDER_CANCELLED', 'REFUND_ISSUED')) AS closed,
           multiIf(countIf(activity = 'REFUND_ISSUED') > 0, 'returned', countIf(activity = 'ORDER_CANCELLED') > 0, 'cancelled',
                   countIf(activity IN ('DELIVERED', 'CUSTOMER_COLLECTED')) > 0, 'completed', 'open') AS st,
           countIf(activity = 'EXCEPTION_RAISED' AND event_time_ms >= {from} AND event_time_ms < {to}) AS raised,
           countIf(activity = 'INVENTORY_SYNCED' AND event_time_ms >= {from} AND event_time_ms < {to}) AS syncs,
           countIf(activity = 'INVENTORY_SYNC_MISMATCH' AND event_time_ms >= {from} AND event_time_ms < {to}) AS mismatches,
           countIf(activity = 'INTEGRATION_CALL_FAILED' AND event_time_ms >= {from} AND event_time_ms < {to}) AS failures
    FROM events FINAL
    PREWHERE dataset = {dataset}
    GROUP BY dataset, order_id)
