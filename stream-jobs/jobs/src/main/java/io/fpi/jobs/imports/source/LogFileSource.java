package io.fpi.jobs.imports.source;

import io.fpi.jobs.common.Envelope;
import io.fpi.jobs.imports.ImportSpec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A bounded FLIP-27 source over one event-log file: the importer's streaming parser runs in the
 * reader, and every event leaves as an {@link Envelope}, like a record from the Kafka source. The
 * file is the durable, replayable input: a reader that fails is simply parsed again from the start
 * (event ids are deterministic, and the tables collapse repeated rows).
 */
public final class LogFileSource implements Source<Envelope, LogFileSplit, Boolean>, ResultTypeQueryable<Envelope> {
    private static final long serialVersionUID = 1L;

    private final ImportSpec spec;

    public LogFileSource(ImportSpec spec) {
        this.spec = spec;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<Envelope, LogFileSplit> createReader(SourceReaderContext readerContext) {
        return new LogFileReader(readerContext);
    }

    @Override
    public SplitEnumerator<LogFileSplit, Boolean> createEnumerator(SplitEnumeratorContext<LogFileSplit> context) {
        return new LogFileEnumerator(context, new LogFileSplit(spec));
    }

    @Override
    public SplitEnumerator<LogFileSplit, Boolean> restoreEnumerator(SplitEnumeratorContext<LogFileSplit> context,
                                                                     Boolean splitUnassigned) {
        return new LogFileEnumerator(context, Boolean.TRUE.equals(splitUnassigned) ? new LogFileSplit(spec) : null);
    }

    @Override
    public SimpleVersionedSerializer<LogFileSplit> getSplitSerializer() {
        return LogFileSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<Boolean> getEnumeratorCheckpointSerializer() {
        return new SimpleVersionedSerializer<>() {
            @Override
            public int getVersion() {
                return 1;
            }

            @Override
            public byte[] serialize(Boolean unassigned) {
                return (unassigned ? "1" : "0").getBytes(StandardCharsets.US_ASCII);
            }

            @Override
            public Boolean deserialize(int version, byte[] bytes) {
                return bytes.length == 1 && bytes[0] == '1';
            }
        };
    }

    @Override
    public TypeInformation<Envelope> getProducedType() {
        return Envelope.TYPE;
    }
}
