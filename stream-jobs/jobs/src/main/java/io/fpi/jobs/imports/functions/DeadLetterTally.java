package io.fpi.jobs.imports.functions;

import io.fpi.jobs.common.DeadLetter;
import io.fpi.jobs.imports.ImportObservers;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Where an import's dead letters go: to the command's report (each one, with its reason), not to
 * the live dead-letter topic. An import's refusals belong to that import, and the command must be
 * able to say exactly which events are missing; they are rare (the parser has already rejected
 * what it could not read), so each is reported as it comes.
 */
public final class DeadLetterTally implements Sink<DeadLetter> {
    private static final long serialVersionUID = 1L;

    private final String observerId;

    public DeadLetterTally(String observerId) {
        this.observerId = observerId;
    }

    @Override
    public SinkWriter<DeadLetter> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(DeadLetter element, Context ctx) {
                ImportObservers.get(observerId).onDeadLetter(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
