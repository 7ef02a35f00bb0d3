-- The events of the benchmark traces with ids in [{first_id}, {end_id}): one per activity, as the trace job stores them.
INSERT INTO events (dataset, order_id, event_id, activity, event_time_ms, event_date, ingest_time_ms, source_system, channel,
    fulfillment_type, node_id, region, promised_by_ms, units_ordered, units_fulfilled, amount_minor, cost_minor, currency,
    error_code, error_reason, attr_keys, attr_values, sequence)
SELECT dataset, order_id, concat(order_id, '-', toString(j)), a, t, toDate(intDiv(t, 1000)), t + 1500,
       {systems}[indexOf({names}, a)], channel, fulfillment_type, node_id, region,
       if(a = 'ORDER_PLACED', promised_by_ms, NULL), if(a = 'ORDER_PLACED', units_ordered, NULL),
       if(a = 'PICKED', units_fulfilled, NULL), if(a = 'ORDER_PLACED', toNullable(toInt64(units_ordered) * 3200), NULL),
       if(a = 'PICKED', toNullable(toInt64(450 + cityHash64(order_id) % 900)), NULL), 'USD',
       multiIf(a = 'EXCEPTION_RAISED', 'BACKORDER', a = 'INTEGRATION_CALL_FAILED', 'CARRIER_API_5XX',
               a = 'INVENTORY_SYNC_MISMATCH', 'COUNT_MISMATCH', ''), '',
       if(a = 'INTEGRATION_CALL_FAILED', ['carrier'], emptyArrayString()),
       if(a = 'INTEGRATION_CALL_FAILED', [['SWIFTSHIP', 'PARCELPRO', 'BLUEPOST'][1 + cityHash64(order_id) % 3]], emptyArrayString()),
       toInt64(j)
FROM traces
ARRAY JOIN activities AS a, activity_times_ms AS t, arrayEnumerate(activities) AS j
WHERE dataset = {dataset} AND order_id >= {first_id} AND order_id < {end_id}
