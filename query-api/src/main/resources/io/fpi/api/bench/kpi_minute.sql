-- kpi_minute rows the KPI topology would write for the benchmark traces (stream-jobs/detection/KPIS.md):
-- placed in the placement minute; completed/cancelled/returned, units, cycle histogram and cost in the
-- completion minute; SLA due/met when decided; exceptions, syncs and integration failures at their event;
-- resolutions and refunds with their durations. Only minutes in [{lo}, {hi}) and orders with ids in
-- [{first_id}, {end_id}), so that it runs in slices; {final} is FINAL when traces may hold several versions.
INSERT INTO kpi_minute (dataset, minute_ms, minute_date, channel, fulfillment_type, region, node_id, version,
    orders_placed, orders_completed, orders_cancelled, orders_returned, units_ordered, units_fulfilled,
    cycle_count, cycle_sum_ms, cycle_buckets, cycle_counts, sla_due, sla_met, exceptions_raised, exceptions_resolved,
    resolution_sum_ms, resolution_buckets, resolution_counts, refunds, refund_sum_ms, refund_buckets, refund_counts,
    inventory_syncs, inventory_sync_mismatches, integration_systems, integration_failures, cost_orders, cost_minor)
SELECT dataset, m, toDate(intDiv(m, 1000)), channel, fulfillment_type, region, node_id, toUInt64(sum(n)),
       sum(placed), sum(completed), sum(cancelled), sum(returned), sum(u_ord), sum(u_ful),
       sum(cyc_n), sum(cyc_ms), groupArrayIf(toInt32(cyc_b), cyc_b >= 0), groupArrayIf(cyc_n, cyc_b >= 0),
       sum(sla_due), sum(sla_met), sum(raised), sum(res_n), sum(res_ms),
       groupArrayIf(toInt32(res_b), res_b >= 0), groupArrayIf(res_n, res_b >= 0),
       sum(ref_n), sum(ref_ms), groupArrayIf(toInt32(ref_b), ref_b >= 0), groupArrayIf(ref_n, ref_b >= 0),
       sum(syncs), sum(mismatches), if(sum(failures) > 0, ['CARRIER'], emptyArrayString()),
       if(sum(failures) > 0, [toInt64(sum(failures))], emptyArrayInt64()), sum(cost_n), sum(cost)
FROM (
    SELECT dataset, m, channel, fulfillment_type, region, node_id, cyc_b, res_b, ref_b, count() AS n,
           sum(placed) AS placed, sum(completed) AS completed, sum(cancelled) AS cancelled, sum(returned) AS returned,
           sum(u_ord) AS u_ord, sum(u_ful) AS u_ful, toInt64(sum(cyc_b >= 0)) AS cyc_n, sum(cyc_ms) AS cyc_ms,
           sum(sla_due) AS sla_due, sum(sla_met) AS sla_met, sum(raised) AS raised, toInt64(sum(res_b >= 0)) AS res_n,
           sum(res_ms) AS res_ms, toInt64(sum(ref_b >= 0)) AS ref_n, sum(ref_ms) AS ref_ms, sum(syncs) AS syncs,
           sum(mismatches) AS mismatches, sum(failures) AS failures, sum(cost_n) AS cost_n, sum(cost) AS cost
    FROM (
        SELECT dataset, intDiv(tupleElement(c, 1), 60000) * 60000 AS m, tupleElement(c, 2) AS kind, tupleElement(c, 3) AS v,
               channel, fulfillment_type, region, node_id,
               toInt64(kind = 'placed') AS placed, toInt64(kind IN ('completed', 'returned')) AS completed,
               toInt64(kind = 'cancelled') AS cancelled, toInt64(kind = 'returned') AS returned,
               if(kind IN ('completed', 'returned', 'cancelled') AND isNotNull(units_ordered), toInt64(ifNull(units_ordered, 0)), 0) AS u_ord,
               if(kind IN ('completed', 'returned', 'cancelled') AND isNotNull(units_ordered), toInt64(ifNull(units_fulfilled, 0)), 0) AS u_ful,
               if(kind IN ('completed', 'returned'), {bucket_v}, -1) AS cyc_b, if(kind IN ('completed', 'returned'), v, 0) AS cyc_ms,
               toInt64(kind = 'sla') AS sla_due, toInt64(kind = 'sla' AND v = 1) AS sla_met,
               toInt64(kind = 'EXCEPTION_RAISED') AS raised,
               if(kind = 'resolution', {bucket_v}, -1) AS res_b, if(kind = 'resolution', v, 0) AS res_ms,
               if(kind = 'refund', {bucket_v}, -1) AS ref_b, if(kind = 'refund', v, 0) AS ref_ms,
               toInt64(kind = 'INVENTORY_SYNCED') AS syncs, toInt64(kind = 'INVENTORY_SYNC_MISMATCH') AS mismatches,
               toInt64(kind = 'INTEGRATION_CALL_FAILED') AS failures,
               toInt64(kind IN ('completed', 'returned') AND has(activities, 'PICKED')) AS cost_n,
               if(kind IN ('completed', 'returned') AND has(activities, 'PICKED'), toInt64(450 + cityHash64(order_id) % 900), 0) AS cost
        FROM traces {final}
        ARRAY JOIN arrayConcat(
            [(placed_at_ms, 'placed', toInt64(0))],
            arrayFilter((x, keep) -> keep = 1, [(ifNull(completed_at_ms, 0), status, ifNull(cycle_time_ms, 0))], [toUInt8(status != 'open')]),
            arrayFilter((x, keep) -> keep = 1,
                [(least(ifNull(completed_at_ms, ifNull(promised_by_ms, 0)), ifNull(promised_by_ms, 0)), 'sla',
                  toInt64(ifNull(completed_at_ms <= promised_by_ms, 0)))],
                [toUInt8(ifNull(status != 'open' OR promised_by_ms < {end}, 0))]),
            arrayFilter(x -> tupleElement(x, 2) IN ('EXCEPTION_RAISED', 'INVENTORY_SYNCED', 'INVENTORY_SYNC_MISMATCH', 'INTEGRATION_CALL_FAILED'),
                arrayMap((a, t) -> (t, a, toInt64(0)), activities, activity_times_ms)),
            arrayFilter((x, keep) -> keep = 1,
                [(activity_times_ms[indexOf(activities, 'EXCEPTION_RESOLVED')], 'resolution',
                  activity_times_ms[indexOf(activities, 'EXCEPTION_RESOLVED')] - activity_times_ms[indexOf(activities, 'EXCEPTION_RAISED')])],
                [toUInt8(has(activities, 'EXCEPTION_RESOLVED') AND has(activities, 'EXCEPTION_RAISED'))]),
            arrayFilter((x, keep) -> keep = 1, [(activity_times_ms[-1], 'refund', activity_times_ms[-1] - activity_times_ms[-2])],
                [toUInt8(status = 'returned')])) AS c
        PREWHERE dataset = {dataset} AND order_id >= {first_id} AND order_id < {end_id}
        WHERE m >= {lo} AND m < {hi})
    GROUP BY dataset, m, channel, fulfillment_type, region, node_id, cyc_b, res_b, ref_b)
GROUP BY dataset, m, channel, fulfillment_type, region, node_id
