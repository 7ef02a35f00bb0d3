package io.fpi.detection.sla;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Collects a MiniCluster job's output into a list the test reads after {@code execute()} returns
 * (the MiniCluster runs in the test's JVM). Cheaper than {@code executeAndCollect}, whose fetch
 * protocol dominates short test jobs.
 */
final class CollectingSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, List<Object>> RESULTS = new ConcurrentHashMap<>();

    private final String id;

    CollectingSink(String id) {
        this.id = id;
        RESULTS.put(id, Collections.synchronizedList(new ArrayList<>()));
    }

    @SuppressWarnings("unchecked")
    List<T> results() {
        return new ArrayList<>((List<T>) (List<?>) RESULTS.get(id));
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        List<Object> target = RESULTS.get(id);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                target.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
