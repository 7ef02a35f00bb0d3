package io.fpi.jobs.common;

import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.ClickHouseException;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers encoded rows and inserts them by size, by time and before every checkpoint. All methods,
 * timer callbacks included, run in the task's mailbox thread, so the buffer needs no locking.
 */
final class ClickHouseSinkWriter<T> implements SinkWriter<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSinkWriter.class);

    private final ClickHouseClient client;
    private final String table;
    private final RowEncoder<T> encoder;
    private final ClickHouseSink.Settings settings;
    private final ProcessingTimeService time;
    private final JsonRowWriter buffer = new JsonRowWriter();
    private final Counter rowsSent;
    private final Counter bytesSent;
    private final Counter failedAttempts;
    private ScheduledFuture<?> timer;
    private boolean closed;

    ClickHouseSinkWriter(ClickHouseClient client, String table, RowEncoder<T> encoder, ClickHouseSink.Settings settings,
                         ProcessingTimeService time, SinkWriterMetricGroup metrics) {
        this.client = client;
        this.table = table;
        this.encoder = encoder;
        this.settings = settings;
        this.time = time;
        this.rowsSent = metrics.getNumRecordsSendCounter();
        this.bytesSent = metrics.getNumBytesSendCounter();
        this.failedAttempts = metrics.getNumRecordsSendErrorsCounter();
        scheduleFlush();
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        encoder.encode(element, buffer);
        if (buffer.rows() >= settings.batchRows()) {
            insertBuffered();
        }
    }

    /** Called before each checkpoint barrier and at end of input: nothing may stay buffered. */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        insertBuffered();
    }

    @Override
    public void close() {
        closed = true;
        if (timer != null) {
            timer.cancel(false);
        }
        // Rows still buffered here belong to a failed or cancelled attempt: they are replayed from
        // the last checkpoint, so dropping them loses nothing.
    }

    private void scheduleFlush() {
        long next = time.getCurrentProcessingTime() + settings.flushInterval().toMillis();
        timer = time.registerTimer(next, now -> {
            if (closed) {
                return;
            }
            insertBuffered();
            scheduleFlush();
        });
    }

    private void insertBuffered() throws IOException, InterruptedException {
        if (buffer.rows() == 0) {
            return;
        }
        byte[] batch = buffer.toByteArray();
        int rows = buffer.rows();
        long backoff = settings.firstBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                client.insertJsonEachRow(table, batch);
                break;
            } catch (ClickHouseException e) {
                failedAttempts.inc(rows);
                if (attempt >= settings.maxAttempts()) {
                    throw new IOException("insert of " + rows + " rows into " + table + " failed " + attempt
                            + " times; failing the task so that Flink restores from the last checkpoint", e);
                }
                LOG.warn("insert of {} rows into {} failed (attempt {}/{}), retrying in {} ms: {}", rows, table, attempt,
                        settings.maxAttempts(), backoff, e.getMessage());
                Thread.sleep(backoff);
                backoff *= 2;
            }
        }
        rowsSent.inc(rows);
        bytesSent.inc(batch.length);
        buffer.reset();
    }
}
