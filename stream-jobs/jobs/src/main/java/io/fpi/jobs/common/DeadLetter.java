package io.fpi.jobs.common;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record that could not become part of a trace, with the original Kafka bytes so it can be
 * inspected or replayed after a fix. A Flink POJO (public fields, no-arg constructor): it travels
 * between operators and must not fall back to Kryo.
 */
public class DeadLetter {
    /** The original Kafka key (may be null). */
    public byte[] key;
    /** The original Kafka value (may be null for a tombstone). */
    public byte[] value;
    public DeadLetterReason reason;
    /** A short, human-readable explanation (exception message, field name, ...). */
    public String detail;
    /** Where the record came from; "" and -1 when it was not read from Kafka directly (TOO_LATE). */
    public String sourceTopic;
    public int sourcePartition;
    public long sourceOffset;

    public DeadLetter() {}

    public DeadLetter(byte[] key, byte[] value, DeadLetterReason reason, String detail,
                      String sourceTopic, int sourcePartition, long sourceOffset) {
        this.key = key;
        this.value = value;
        this.reason = reason;
        this.detail = detail == null ? "" : detail;
        this.sourceTopic = sourceTopic == null ? "" : sourceTopic;
        this.sourcePartition = sourcePartition;
        this.sourceOffset = sourceOffset;
    }

    /** Whether it carries a Kafka position (records the job produced itself do not). */
    public boolean hasSourcePosition() {
        return sourcePartition >= 0 && !sourceTopic.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DeadLetter d)) {
            return false;
        }
        return sourcePartition == d.sourcePartition && sourceOffset == d.sourceOffset
                && Arrays.equals(key, d.key) && Arrays.equals(value, d.value) && reason == d.reason
                && Objects.equals(detail, d.detail) && Objects.equals(sourceTopic, d.sourceTopic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, detail, sourceTopic, sourcePartition, sourceOffset, Arrays.hashCode(key), Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return "DeadLetter[" + reason + ": " + detail + ", key=" + (key == null ? "null" : new String(key, StandardCharsets.UTF_8))
                + ", " + (value == null ? "no value" : value.length + " bytes") + ", " + sourceTopic + "/" + sourcePartition
                + "@" + sourceOffset + "]";
    }
}
