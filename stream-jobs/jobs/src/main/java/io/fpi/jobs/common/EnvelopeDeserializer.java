package io.fpi.jobs.common;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The KafkaSource's deserializer: every record becomes exactly one {@link Envelope}, valid or
 * dead letter. It never throws, so one poisonous record cannot fail the source and put the job in
 * a restart loop on the same offset.
 */
public final class EnvelopeDeserializer implements KafkaRecordDeserializationSchema<Envelope> {
    private static final long serialVersionUID = 1L;

    private transient EventDecoder decoder;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        decoder = new EventDecoder();
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Envelope> out) {
        if (decoder == null) {
            decoder = new EventDecoder();
        }
        out.collect(decoder.decode(record.key(), record.value(), record.topic(), record.partition(), record.offset()));
    }

    @Override
    public TypeInformation<Envelope> getProducedType() {
        return Envelope.TYPE;
    }
}
