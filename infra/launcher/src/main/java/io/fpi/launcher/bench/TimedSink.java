package io.fpi.launcher.bench;

import java.io.IOException;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Delegates to a real sink and marks the end of the timed window once the writer has flushed at end
 * of input: for the ClickHouse sink that is after its last insert returned, i.e. every row is in
 * ClickHouse. Adds one branch per record and nothing else.
 */
final class TimedSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final Sink<T> inner;

    TimedSink(Sink<T> inner) {
        this.inner = inner;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return new Writer<>(inner.createWriter(context));
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final SinkWriter<T> inner;
        private boolean ended;

        Writer(SinkWriter<T> inner) {
            this.inner = inner;
        }

        @Override
        public void write(T element, Context context) throws IOException, InterruptedException {
            inner.write(element, context);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            inner.flush(endOfInput);
            if (endOfInput && !ended) {
                ended = true;
                StageClock.endOfInput();
            }
        }

        @Override
        public void writeWatermark(Watermark watermark) throws IOException, InterruptedException {
            inner.writeWatermark(watermark);
        }

        @Override
        public void close() throws Exception {
            inner.close();
        }
    }
}
