package io.fpi.jobs.imports.source;

import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.util.InstantiationUtil;

/** Java serialization of the split's spec: a handful of strings, written once per import. */
final class LogFileSplitSerializer implements SimpleVersionedSerializer<LogFileSplit> {
    static final LogFileSplitSerializer INSTANCE = new LogFileSplitSerializer();

    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(LogFileSplit split) throws IOException {
        return InstantiationUtil.serializeObject(split.spec());
    }

    @Override
    public LogFileSplit deserialize(int version, byte[] bytes) throws IOException {
        try {
            return new LogFileSplit(InstantiationUtil.deserializeObject(bytes, LogFileSplitSerializer.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }
}
