-- One SLA_BREACH finding per benchmark order that missed its promise by {end}, detected a minute after it.
INSERT INTO findings (dataset, finding_id, type, order_id, detected_at_ms, detected_date, severity, resolves, policy_id,
    policy_version, milestone, deadline_ms, stage, last_activity, idle_ms, node_id, region, channel, fulfillment_type,
    source_system, error_code, trace_summary, message, evidence_keys, evidence_values)
SELECT dataset, concat('sla_breach-', lower(hex(cityHash64(order_id)))), 'SLA_BREACH', order_id, detected,
       toDate(intDiv(detected, 1000)), if(late > 86400000, 'critical', 'warning'), '', 'bench-policy', '1', 'DELIVERED',
       promised_by_ms, current_stage, last_activity, NULL, node_id, region, channel, fulfillment_type, '', '', variant,
       concat('order ', order_id, ' missed its promise'), ['late_ms'], [toString(late)]
FROM (
    SELECT *, assumeNotNull(promised_by_ms) + 60000 AS detected,
           ifNull(completed_at_ms, toInt64({end})) - assumeNotNull(promised_by_ms) AS late
    FROM traces
    WHERE dataset = {dataset} AND isNotNull(promised_by_ms) AND promised_by_ms + 60000 < {end}
      AND ifNull(completed_at_ms, toInt64({end})) > promised_by_ms)
