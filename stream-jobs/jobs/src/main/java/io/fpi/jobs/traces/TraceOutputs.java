package io.fpi.jobs.traces;

import io.fpi.jobs.common.DeadLetter;
import io.fpi.jobs.traces.records.TraceRow;
import io.fpi.schemas.FulfillmentEvent;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The three outputs of the trace workflow, before any sink is attached.
 *
 * @param events      de-duplicated raw events, for table {@code events}
 * @param traces      trace upserts, for table {@code traces}
 * @param deadLetters malformed records and too-late events, for the dead-letter topic
 */
public record TraceOutputs(DataStream<FulfillmentEvent> events, DataStream<TraceRow> traces,
                           DataStream<DeadLetter> deadLetters) {}
