package io.fpi.detection.findings;

import io.fpi.jobs.common.AvroRecordSerializer;
import io.fpi.schemas.Finding;
import io.fpi.schemas.FindingCodec;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * {@link AvroRecordSerializer} of {@link Finding}, through {@link FindingCodec}: the same bytes as a
 * record value on topic fpi.findings. Detection state never holds findings.
 */
public final class FindingSerializer extends AvroRecordSerializer<Finding> {
    private static final long serialVersionUID = 1L;

    private transient FindingCodec codec;

    public FindingSerializer() {
        super(Finding.class);
    }

    private FindingCodec codec() {
        if (codec == null) {
            codec = new FindingCodec();
        }
        return codec;
    }

    @Override
    protected byte[] encode(Finding record) {
        return codec().encode(record);
    }

    @Override
    protected Finding decode(byte[] bytes) throws IOException {
        return codec().decode(bytes);
    }

    @Override
    public TypeSerializer<Finding> duplicate() {
        return new FindingSerializer();
    }

    @Override
    public TypeSerializerSnapshot<Finding> snapshotConfiguration() {
        return new Snapshot();
    }

    /** No configuration to record: the format is self-describing through the schema fingerprint. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Finding> {
        public Snapshot() {
            super(FindingSerializer::new);
        }
    }
}
