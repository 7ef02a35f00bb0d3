package io.fpi.jobs.common;

import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import io.fpi.runtime.clickhouse.SqlLiterals;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes a stream into one ClickHouse table with batched JSONEachRow inserts over HTTP.
 *
 * <p>Delivery is at-least-once: the writer flushes its whole buffer in {@code flush()}, which Flink
 * calls before every checkpoint barrier leaves the operator, so a completed checkpoint implies every
 * earlier row is in ClickHouse. Rows after the last checkpoint are written again after a restore;
 * the tables are ReplacingMergeTree over deterministic keys, so the replays collapse (see
 * stream-jobs/DISCUSSION.md). A batch that still fails after {@link Settings#maxAttempts()}
 * attempts fails the task, and Flink restarts from the last checkpoint instead of losing rows.
 */
public final class ClickHouseSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final ClickHouseEndpoint endpoint;
    private final String table;
    private final RowEncoder<T> encoder;
    private final Settings settings;

    public ClickHouseSink(ClickHouseEndpoint endpoint, String table, RowEncoder<T> encoder, Settings settings) {
        this.endpoint = endpoint;
        this.table = SqlLiterals.identifier(table);
        this.encoder = encoder;
        this.settings = settings;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new ClickHouseSinkWriter<>(new ClickHouseClient(endpoint, settings.requestTimeout()), table, encoder, settings,
                context.getProcessingTimeService(), context.metricGroup());
    }

    /**
     * Batching and retry knobs.
     *
     * @param batchRows      insert as soon as this many rows are buffered (FPI_CLICKHOUSE_BATCH_ROWS)
     * @param flushInterval  insert whatever is buffered at least this often (FPI_CLICKHOUSE_FLUSH_INTERVAL)
     * @param maxAttempts    attempts per batch before the task fails
     * @param firstBackoff   wait after the first failed attempt; doubles after each further one
     * @param requestTimeout HTTP timeout of one insert
     */
    public record Settings(int batchRows, Duration flushInterval, int maxAttempts, Duration firstBackoff,
                           Duration requestTimeout) implements Serializable {
        public static final int DEFAULT_BATCH_ROWS = 20_000;
        public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);

        public Settings {
            if (batchRows < 1 || maxAttempts < 1 || flushInterval.isNegative() || flushInterval.isZero()) {
                throw new IllegalArgumentException("batchRows and maxAttempts must be >= 1 and flushInterval > 0");
            }
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_BATCH_ROWS, DEFAULT_FLUSH_INTERVAL, 5, Duration.ofMillis(500), Duration.ofSeconds(60));
        }

        public Settings withBatching(int rows, Duration interval) {
            return new Settings(rows, interval, maxAttempts, firstBackoff, requestTimeout);
        }

        public Settings withRetries(int attempts, Duration backoff) {
            return new Settings(batchRows, flushInterval, attempts, backoff, requestTimeout);
        }
    }
}
