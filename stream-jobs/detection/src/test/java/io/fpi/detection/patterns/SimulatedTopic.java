package io.fpi.detection.patterns;

import io.fpi.jobs.common.Envelope;
import io.fpi.jobs.common.EventDecoder;
import io.fpi.simulator.SimRecord;
import io.fpi.simulator.Simulator;
import io.fpi.simulator.SimulatorConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * A bounded, checkpointed stand-in for topic fpi.events holding a simulator run: every record
 * (duplicates and malformed ones included) as Kafka key and value bytes, decoded exactly as the
 * Kafka source's deserializer does. At parallelism 2 each reader gets every other record, so both
 * move through event time together, as two partitions of a live topic do.
 */
final class SimulatedTopic {
    /** Armed by a test; the first reader to reach the failing record disarms it, so the restart succeeds. */
    static final AtomicBoolean FAILURE_ARMED = new AtomicBoolean();
    /** The first generator index read after the injected failure (-1: none yet): where the restore resumed. */
    static final AtomicLong RESUMED_AT = new AtomicLong(-1);

    private SimulatedTopic() {}

    static List<byte[][]> records(SimulatorConfig config) {
        List<byte[][]> out = new ArrayList<>();
        Iterator<SimRecord> it = Simulator.records(config);
        while (it.hasNext()) {
            SimRecord r = it.next();
            out.add(new byte[][] {r.key(), r.value()});
        }
        return out;
    }

    static DataGeneratorSource<Envelope> source(List<byte[][]> records) {
        return new DataGeneratorSource<>(new Records(new ArrayList<>(records), -1), records.size(), Envelope.TYPE);
    }

    /** Emits {@code perCheckpoint} records per checkpoint and reader; fails once at generator index {@code failAt}. */
    static DataGeneratorSource<Envelope> failingOnce(List<byte[][]> records, long failAt, int perCheckpoint) {
        RESUMED_AT.set(-1);
        return new DataGeneratorSource<>(new Records(new ArrayList<>(records), failAt), records.size(),
                RateLimiterStrategy.perCheckpoint(perCheckpoint), Envelope.TYPE);
    }

    private static final class Records implements GeneratorFunction<Long, Envelope> {
        private static final long serialVersionUID = 1L;
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
            if (failAt >= 0 && !FAILURE_ARMED.get() && index <= failAt) {
                RESUMED_AT.compareAndSet(-1, index); // the failing reader's first record after the restart
            }
            if (index == failAt && FAILURE_ARMED.compareAndSet(true, false)) {
                // give the sinks time to write what was produced since the last checkpoint, so that
                // the restart really replays rows that are already in ClickHouse
                Thread.sleep(700);
                throw new IllegalStateException("injected failure at record " + index);
            }
            // the generator splits the index range in two halves, one per reader: map each half onto
            // every other record, so both readers progress through the run's time alike
            int n = records.size();
            int half = (n + 1) / 2;
            int i = index.intValue();
            int record = i < half ? 2 * i : 2 * (i - half) + 1;
            byte[][] r = records.get(record);
            return decoder.decode(r[0], r[1], "fpi.events", record % 2, record);
        }
    }
}
