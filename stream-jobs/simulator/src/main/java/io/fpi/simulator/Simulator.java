package io.fpi.simulator;

import io.fpi.simulator.kafka.KafkaEventPublisher;
import io.fpi.simulator.pacing.Pacer;
import io.fpi.simulator.pacing.WallClock;
import io.fpi.simulator.stream.RecordStream;
import io.fpi.simulator.truth.GroundTruthSink;
import java.time.Instant;
import java.util.Iterator;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's programmatic API. Generation ({@link #stream}) is deterministic and knows no
 * wall clock; {@link #publish} paces it (unless unpaced) and hands records to a sink.
 */
public final class Simulator {
    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
    private static final long PROGRESS_EVERY_MS = 10_000;

    private Simulator() {}

    /** The records of a run, in emission order, without ground truth. */
    public static Iterator<SimRecord> records(SimulatorConfig config) {
        return stream(config, GroundTruthSink.NONE);
    }

    public static RecordStream stream(SimulatorConfig config) {
        return stream(config, GroundTruthSink.NONE);
    }

    /** The records of a run; the ground truth goes to {@code truth} as orders finish. */
    public static RecordStream stream(SimulatorConfig config, GroundTruthSink truth) {
        return new RecordStream(config, truth);
    }

    /** Publishes to Kafka through a new producer for {@code bootstrapServers}. */
    public static SimulationSummary publish(SimulatorConfig config, String bootstrapServers, String topic,
                                            GroundTruthSink truth, BooleanSupplier stop) {
        try (KafkaEventPublisher sink = KafkaEventPublisher.connect(bootstrapServers, topic)) {
            return publish(config, sink, truth, stop);
        }
    }

    /** Publishes to Kafka through the caller's producer (flushed, not closed). */
    public static SimulationSummary publish(SimulatorConfig config, Producer<byte[], byte[]> producer, String topic,
                                            GroundTruthSink truth, BooleanSupplier stop) {
        try (KafkaEventPublisher sink = new KafkaEventPublisher(producer, topic)) {
            return publish(config, sink, truth, stop);
        }
    }

    /**
     * Runs until the stream ends (bounded runs), {@code config.duration()} of wall time passes, or
     * {@code stop} turns true. The sink is flushed, not closed. The ground-truth summary is written
     * before returning; the caller closes the truth sink.
     */
    public static SimulationSummary publish(SimulatorConfig config, RecordSink sink, GroundTruthSink truth,
                                            BooleanSupplier stop) {
        return publish(config, sink, truth, stop, WallClock.SYSTEM);
    }

    static SimulationSummary publish(SimulatorConfig config, RecordSink sink, GroundTruthSink truth,
                                     BooleanSupplier stop, WallClock clock) {
        long wallStart = clock.millis();
        long deadline = config.duration() == null ? Long.MAX_VALUE : wallStart + config.duration().toMillis();
        BooleanSupplier halt = () -> stop.getAsBoolean() || clock.millis() >= deadline;
        boolean stopped = false;
        try (RecordStream stream = stream(config, truth)) {
            Pacer pacer = config.paced()
                    ? Pacer.paced(clock, config.simStartMs(), config.speedup(),
                            config.eventsPerSecond() * stream.scenarios().maxArrivalMultiplier())
                    : Pacer.unpaced();
            long nextProgress = wallStart + PROGRESS_EVERY_MS;
            long sent = 0;
            while (true) {
                long due = stream.peekEmitAt();
                if (due < 0) {
                    break;
                }
                if (!pacer.await(due, halt)) {
                    stopped = true;
                    break;
                }
                sink.send(stream.next());
                if (++sent % 1024 == 0 && clock.millis() >= nextProgress) {
                    nextProgress = clock.millis() + PROGRESS_EVERY_MS;
                    LOG.info("simulated time {}, {} records sent", Instant.ofEpochMilli(due), sent);
                }
            }
            stream.finish();
            sink.flush();
            return new SimulationSummary(stream.summary(), clock.millis() - wallStart, stopped);
        }
    }
}
