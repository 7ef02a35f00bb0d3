package io.fpi.simulator;

/** Where published records go: Kafka ({@code KafkaEventPublisher}), or anything a test or benchmark supplies. */
public interface RecordSink extends AutoCloseable {
    void send(SimRecord record);

    default void flush() {
    }

    @Override
    default void close() {
    }
}
