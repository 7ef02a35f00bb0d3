package io.fpi.jobs.traces;

import io.fpi.jobs.common.Envelope;
import io.fpi.jobs.common.EventDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * A bounded, splittable and checkpointed stand-in for the Kafka topic: (key, value) byte records
 * decoded exactly as the Kafka source's deserializer does. Optionally fails once, at one record.
 */
final class EncodedRecordSource {
    /** Armed by a test; the first reader to reach the failing record disarms it, so a restart succeeds. */
    static final AtomicBoolean FAILURE_ARMED = new AtomicBoolean();

    private EncodedRecordSource() {}

    static DataGeneratorSource<Envelope> of(List<byte[][]> records) {
        return new DataGeneratorSource<>(new Records(new ArrayList<>(records), -1), records.size(), Envelope.TYPE);
    }

    /** Emits {@code perCheckpoint} records per checkpoint; fails once at record {@code failAt}. */
    static DataGeneratorSource<Envelope> failingOnce(List<byte[][]> records, int failAt, int perCheckpoint) {
        return new DataGeneratorSource<>(new Records(new ArrayList<>(records), failAt), records.size(),
                RateLimiterStrategy.perCheckpoint(perCheckpoint), Envelope.TYPE);
    }

    private static final class Records implements GeneratorFunction<Long, Envelope> {
        private final ArrayList<byte[][]> records;
        private final long failAt;
        private transient EventDecoder decoder;

        Records(ArrayList<byte[][]> records, long failAt) {
            this.records = records;
            this.failAt = failAt;
        }

        @Override
        public void open(SourceReaderContext readerContext) {
            decoder = new EventDecoder();
        }

        @Override
        public Envelope map(Long index) throws Exception {
            if (index == failAt && FAILURE_ARMED.compareAndSet(true, false)) {
                // give the sinks time to write what was produced since the last checkpoint, so that
                // the restart really replays rows that are already in ClickHouse
                Thread.sleep(700);
                throw new IllegalStateException("injected failure at record " + index);
            }
            byte[][] r = records.get(index.intValue());
            return decoder.decode(r[0], r[1], "fpi.events", 0, index);
        }
    }
}
