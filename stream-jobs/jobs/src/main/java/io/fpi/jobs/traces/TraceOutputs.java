package io.fpi.jobs.traces;

import io.fpi.jobs.common.DeadLetter;
import io.fpi.jobs.traces.records.OrderChange;
import io.fpi.jobs.traces.records.TraceRow;
import io.fpi.schemas.FulfillmentEvent;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The three outputs of the trace workflow, before any sink is attached.
 *
 * @param events      de-duplicated raw events, for table {@code events}
 * @param traces      trace upserts, for table {@code traces}
 * @param deadLetters malformed records and too-late events, for the dead-letter topic
 * @param orderChanges each new event with the order's facts before and after it, for the KPI
 *                     operators ({@code TraceBuilder.ORDER_CHANGES}); null when built with the
 *                     three-stream constructor
 */
public record TraceOutputs(DataStream<FulfillmentEvent> events, DataStream<TraceRow> traces,
                           DataStream<DeadLetter> deadLetters, DataStream<OrderChange> orderChanges) {

    /** Outputs without order changes, for callers that only write the trace tables. */
    public TraceOutputs(DataStream<FulfillmentEvent> events, DataStream<TraceRow> traces, DataStream<DeadLetter> deadLetters) {
        this(events, traces, deadLetters, null);
    }
}
