-- 15-minute exception_windows rows (stream-jobs/detection/PATTERNS.md) for the benchmark traces' exception-like
-- events, in scope {scope} ({location} is the scope's location column, '' for all).
INSERT INTO exception_windows (dataset, scope, pattern_key, activity, error_code, source_system, node_id, region, channel,
    attr_keys, attr_values, window_start_ms, window_ms, window_date, event_count, baseline_mean_milli,
    baseline_sigma_milli, threshold_milli, active_windows, spike, spike_finding_id, recurring_finding_id, sample_orders)
SELECT dataset, {scope_name}, concat(a, '|', code, '|', sys, if(loc = '', '', concat('|', {scope_name}, '=', loc))), a, code, sys,
       if({scope_name} = 'node', loc, ''), if({scope_name} = 'region', loc, ''), '', [], [], w, 900000, toDate(intDiv(w, 1000)),
       count(), 0, 1000, 4000, toInt32(0), toUInt8(0), '', '', arraySlice(arraySort(groupArray(order_id)), 1, 3)
FROM (
    SELECT dataset, order_id, {location} AS loc, a, intDiv(t, 900000) * 900000 AS w,
           multiIf(a = 'EXCEPTION_RAISED', 'BACKORDER', a = 'INTEGRATION_CALL_FAILED', 'CARRIER_API_5XX', 'COUNT_MISMATCH') AS code,
           {systems}[indexOf({names}, a)] AS sys
    FROM traces
    ARRAY JOIN activities AS a, activity_times_ms AS t
    WHERE dataset = {dataset} AND a IN ('EXCEPTION_RAISED', 'INTEGRATION_CALL_FAILED', 'INVENTORY_SYNC_MISMATCH')
      AND t >= {lo} AND t < {hi})
GROUP BY dataset, loc, a, code, sys, w
