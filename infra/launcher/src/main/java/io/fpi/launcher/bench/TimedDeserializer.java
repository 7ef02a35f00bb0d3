package io.fpi.launcher.bench;

import io.fpi.jobs.common.Envelope;
import io.fpi.jobs.common.EnvelopeDeserializer;
import java.io.IOException;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The job's own {@link EnvelopeDeserializer}, marking the start of the timed window at its first record. */
final class TimedDeserializer implements KafkaRecordDeserializationSchema<Envelope> {
    private static final long serialVersionUID = 1L;

    private final EnvelopeDeserializer inner = new EnvelopeDeserializer();
    private transient boolean started;

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        inner.open(context);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Envelope> out) throws IOException {
        if (!started) {
            started = true;
            StageClock.firstRecord();
        }
        inner.deserialize(record, out);
    }

    @Override
    public TypeInformation<Envelope> getProducedType() {
        return inner.getProducedType();
    }
}
