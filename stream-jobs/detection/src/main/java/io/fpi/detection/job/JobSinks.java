package io.fpi.detection.job;

import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where {@link FpiJob} lets a caller see every sink before it is attached: production passes
 * {@link #AS_IS}; the benchmark wraps the ClickHouse sinks to time the end of input, or swaps every
 * sink for a discarding one to measure state alone. The operators, their names and uids stay the
 * job's own.
 */
public interface JobSinks {
    /** @param uid the sink's operator uid, e.g. {@code clickhouse-traces} */
    <T> Sink<T> sink(String uid, Sink<T> sink);

    JobSinks AS_IS = new JobSinks() {
        @Override
        public <T> Sink<T> sink(String uid, Sink<T> sink) {
            return sink;
        }
    };
}
