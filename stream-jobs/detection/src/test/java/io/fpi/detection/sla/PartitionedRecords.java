package io.fpi.detection.sla;

import io.fpi.jobs.common.Envelope;
import io.fpi.jobs.common.EventDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * A bounded stand-in for the Kafka topic that keeps Kafka's one ordering promise: records with the
 * same key (one order) come from one partition, in the order they were produced. Records are
 * grouped by key hash into {@code partitions} groups laid out back to back, each padded to the same
 * length with garbage (dead letters), so that the generator source's {@code partitions} equal index
 * ranges are exactly the groups. Decoded as the Kafka deserializer does.
 */
final class PartitionedRecords {
    private static final byte[] PADDING = {0};

    private PartitionedRecords() {}

    static DataGeneratorSource<Envelope> source(List<byte[][]> records, int partitions) {
        List<List<byte[][]>> groups = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            groups.add(new ArrayList<>());
        }
        for (byte[][] r : records) {
            groups.get(Math.floorMod(Arrays.hashCode(r[0]), partitions)).add(r);
        }
        int length = groups.stream().mapToInt(List::size).max().orElse(0);
        ArrayList<byte[][]> laidOut = new ArrayList<>();
        for (List<byte[][]> g : groups) {
            laidOut.addAll(g);
            for (int i = g.size(); i < length; i++) {
                laidOut.add(new byte[][] {"padding/".getBytes(), PADDING});
            }
        }
        return new DataGeneratorSource<>(new Records(laidOut, length), laidOut.size(), Envelope.TYPE);
    }

    private static final class Records implements GeneratorFunction<Long, Envelope> {
        private final ArrayList<byte[][]> records;
        private final int perPartition;
        private transient EventDecoder decoder;

        Records(ArrayList<byte[][]> records, int perPartition) {
            this.records = records;
            this.perPartition = Math.max(1, perPartition);
        }

        @Override
        public void open(SourceReaderContext readerContext) {
            decoder = new EventDecoder();
        }

        @Override
        public Envelope map(Long index) {
            byte[][] r = records.get(index.intValue());
            return decoder.decode(r[0], r[1], "fpi.events", (int) (index / perPartition), index % perPartition);
        }
    }
}
