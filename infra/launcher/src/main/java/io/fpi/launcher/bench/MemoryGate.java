package io.fpi.launcher.bench;

import io.fpi.jobs.traces.records.TraceRow;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Hand-over between the state-size job's tasks and the benchmark thread (same JVM): the source
 * waits for "go" once the baseline heap is taken, counts what the trace builder emitted, and holds
 * the job open after its last order until "release", i.e. until the state has been measured.
 */
final class MemoryGate {
    private static volatile CountDownLatch atGate = new CountDownLatch(1);
    private static volatile CountDownLatch go = new CountDownLatch(1);
    private static volatile CountDownLatch release = new CountDownLatch(1);
    static final AtomicLong TRACE_ROWS = new AtomicLong();

    private MemoryGate() {}

    static void reset() {
        atGate = new CountDownLatch(1);
        go = new CountDownLatch(1);
        release = new CountDownLatch(1);
        TRACE_ROWS.set(0);
    }

    static void awaitGo() throws InterruptedException {
        atGate.countDown();
        if (!go.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("benchmark never opened the memory gate");
        }
    }

    static void awaitRelease() throws InterruptedException {
        if (!release.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("benchmark never released the memory gate");
        }
    }

    static boolean awaitAtGate(long millis) throws InterruptedException {
        return atGate.await(millis, TimeUnit.MILLISECONDS);
    }

    static void open() {
        go.countDown();
    }

    static void release() {
        go.countDown();
        release.countDown();
    }

    /** Counts trace rows and drops them. */
    static final class CountingSink implements Sink<TraceRow> {
        private static final long serialVersionUID = 1L;

        @Override
        public SinkWriter<TraceRow> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(TraceRow row, Context ctx) {
                    TRACE_ROWS.incrementAndGet();
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
