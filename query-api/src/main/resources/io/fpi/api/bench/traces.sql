-- Benchmark orders: {orders} orders placed over [{start}, {start} + {span}) ms, ids ORD-bench-<8 digits> from
-- {first} (sequential, as the simulator's are), a deterministic mix of channels, fulfillment types, regions,
-- nodes (6 DCs, 300 stores), statuses and 8-20 events each; events at or after {end} are not there yet, so
-- the newest orders are open. Rows as the trace job writes them (stages between milestones, handoffs).
-- 18.16: lambdas get outer columns through replicate(), never by capture (subquery columns are not in scope).
INSERT INTO traces (dataset, order_id, version, status, placed_at_ms, last_event_ms, completed_at_ms, cycle_time_ms,
    event_count, channel, fulfillment_type, node_id, region, promised_by_ms, units_ordered, units_fulfilled,
    current_stage, last_activity, variant, variant_hash, activities, activity_times_ms, stage_names, stage_start_ms,
    stage_durations_ms, handoff_from, handoff_to, handoff_latency_ms)
SELECT dataset, order_id, toUInt64(length(acts)), if(closed, plan_status, 'open'), placed, times[-1],
       if(closed, toNullable(close_ms), NULL), if(closed, toNullable(close_ms - placed), NULL),
       toUInt32(length(acts)), channel, ftype, node, region, toNullable(placed + promise),
       toNullable(toInt32(units)), if(closed AND plan_status != 'cancelled', toNullable(toInt32(units - short)), NULL),
       if(closed, '', ms_acts[-1]), acts[-1], arrayStringConcat(acts, ' > ') AS variant_text, cityHash64(variant_text),
       acts, times,
       arrayMap((a, b) -> concat(a, ' -> ', b), arrayPopBack(ms_acts), arrayPopFront(ms_acts)),
       arrayPopBack(ms_times),
       arrayMap((a, b) -> b - a, arrayPopBack(ms_times), arrayPopFront(ms_times)),
       arrayFilter((a, b) -> a != b, arrayPopBack(sys), arrayPopFront(sys)),
       arrayFilter((b, a) -> a != b, arrayPopFront(sys), arrayPopBack(sys)),
       arrayFilter((d, a, b) -> a != b, arrayMap((x, y) -> y - x, arrayPopBack(times), arrayPopFront(times)),
                   arrayPopBack(sys), arrayPopFront(sys))
FROM (
    SELECT *, arrayMap(a -> {systems}[indexOf({names}, a)], acts) AS sys,
           arrayFilter(a -> {milestones}[indexOf({names}, a)] = 1, acts) AS ms_acts,
           arrayFilter((t, a) -> {milestones}[indexOf({names}, a)] = 1, times, acts) AS ms_times
    FROM (
        SELECT *, arrayFilter((a, t) -> t < {end}, plan_acts, plan_times) AS acts,
               arrayFilter(t -> t < {end}, plan_times) AS times,
               NOT stuck AND plan_close_ms < {end} AS closed,
               plan_close_ms AS close_ms
        FROM (
            SELECT *, if(plan_status = 'returned', plan_times[-3], plan_times[-1]) AS plan_close_ms
            FROM (
                SELECT *, arrayMap((w, p, c, n) -> p + intDiv(c * w, n), plan_weights, replicate(placed, plan_weights),
                                   replicate(plan_cycle, plan_weights), replicate(plan_weights[-1], plan_weights)) AS plan_times
                FROM (
                    SELECT *, arrayCumSum(arrayMap((j, p) -> if(j = 1, 0, 1 + cityHash64(p, j) % 7),
                                                   arrayEnumerate(plan_acts), replicate(placed, plan_acts))) AS plan_weights
                    FROM (
                        SELECT *,
                               multiIf(plan_status = 'cancelled', arrayConcat(arraySlice({middle}, 1, 2 + h4 % 2), ['ORDER_CANCELLED']),
                                       plan_status = 'returned', arrayConcat(arraySlice({middle}, 1, k - 3), ['DELIVERED', 'RETURN_INITIATED', 'REFUND_ISSUED']),
                                       stuck, arraySlice({middle}, 1, 5),
                                       arrayConcat(arraySlice({middle}, 1, k - 1),
                                                   [if(ftype IN ('BOPIS', 'CURBSIDE'), 'CUSTOMER_COLLECTED', 'DELIVERED')])) AS plan_acts,
                               if(plan_status = 'cancelled', toInt64(600000 + h5 % 3600000),
                                  toInt64(exp(log(if(ftype IN ('BOPIS', 'CURBSIDE', 'SAME_DAY'), 7200000, 36000000)) + (h5 % 1000) / 1000 * 2.5))) AS plan_cycle
                        FROM (
                            SELECT {dataset} AS dataset, {first} + number AS idx,
                                   concat('ORD-bench-', substring(toString(100000000 + idx), 2)) AS order_id,
                                   cityHash64(idx, 1) AS h1, cityHash64(idx, 2) AS h2, cityHash64(idx, 3) AS h3,
                                   cityHash64(idx, 4) AS h4, cityHash64(idx, 5) AS h5, cityHash64(idx, 6) AS h6,
                                   toInt64({start} + intDiv(toInt64(number) * {span}, {orders}) + h1 % {jitter}) AS placed,
                                   ['NORTHEAST', 'SOUTHEAST', 'MIDWEST', 'SOUTH_CENTRAL', 'MOUNTAIN', 'PACIFIC'][1 + h2 % 6] AS region,
                                   multiIf(h3 % 100 < 50, 'SHIP_TO_HOME', h3 % 100 < 67, 'SHIP_FROM_STORE', h3 % 100 < 84, 'BOPIS',
                                           h3 % 100 < 90, 'CURBSIDE', 'SAME_DAY') AS ftype,
                                   if(ftype = 'SHIP_TO_HOME', concat('DC-', region),
                                      concat('ST-', substring(toString(10000 + (h2 % 6) * 50 + 1 + intDiv(h2, 6) % 50), 2))) AS node,
                                   multiIf(h6 % 100 < 45, 'WEB', h6 % 100 < 70, 'APP', h6 % 100 < 82, 'MARKETPLACE',
                                           h6 % 100 < 94, 'STORE', 'CALL_CENTER') AS channel,
                                   multiIf(h4 % 1000 < 30, 'cancelled', h4 % 1000 < 60, 'returned', 'completed') AS plan_status,
                                   h4 % 1000 >= 990 AS stuck,
                                   toInt64(8 + h5 % 13) AS k,
                                   toInt64(1 + h6 % 4) AS units, toInt64(h1 % 50 = 0) AS short,
                                   toInt64(if(ftype IN ('BOPIS', 'CURBSIDE', 'SAME_DAY'), 14400000, 259200000)) AS promise
                            FROM numbers({orders}))))))))
