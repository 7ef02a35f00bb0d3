package io.fpi.launcher.bench;

import io.fpi.simulator.RecordKind;
import io.fpi.simulator.SimRecord;
import io.fpi.simulator.Simulator;
import io.fpi.simulator.SimulatorConfig;
import io.fpi.simulator.kafka.KafkaEventPublisher;
import io.fpi.simulator.stream.RecordStream;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Writes the benchmark's input once: the first {@code n} records of a simulated retailer, unpaced,
 * through the simulator's own Kafka producer settings (acks=all, idempotence, lz4). Every stage then
 * reads these same topic contents.
 */
final class TopicFill {
    private TopicFill() {}

    /** What went into the topic. */
    record Result(long records, long duplicates, long malformed, double seconds) {
        long distinctEvents() {
            return records - duplicates - malformed;
        }
    }

    /** The retailer of the benchmark: the simulator's defaults (incl. noise), unpaced, fixed seed. */
    static SimulatorConfig retailer(String dataset, long seed) {
        return SimulatorConfig.builder().dataset(dataset).seed(seed).paced(false).build();
    }

    static Result fill(String bootstrap, String topic, SimulatorConfig config, long n, Consumer<SimRecord> tee) {
        long start = System.nanoTime();
        long duplicates = 0;
        long malformed = 0;
        long sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaEventPublisher.producerProperties(bootstrap));
             KafkaEventPublisher sink = new KafkaEventPublisher(producer, topic);
             RecordStream stream = Simulator.stream(config)) {
            while (sent < n && stream.hasNext()) {
                SimRecord r = stream.next();
                sink.send(r);
                tee.accept(r);
                if (r.kind() == RecordKind.DUPLICATE) {
                    duplicates++;
                } else if (r.kind() == RecordKind.MALFORMED) {
                    malformed++;
                }
                sent++;
            }
            sink.flush();
        }
        return new Result(sent, duplicates, malformed, (System.nanoTime() - start) / 1e9);
    }
}
