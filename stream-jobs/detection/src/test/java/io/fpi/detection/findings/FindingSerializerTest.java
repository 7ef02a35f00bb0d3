package io.fpi.detection.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fpi.schemas.Finding;
import io.fpi.schemas.FindingCodec;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * Flink's own serializer contract suite (copy, sequences, reuse, snapshot and reconfigure,
 * duplicate under concurrency, serializability) plus what is specific to the Avro form.
 */
class FindingSerializerTest extends SerializerTestBase<Finding> {

    static Finding slaBreach() {
        return Finding.newBuilder()
                .setFindingId("sla_breach-00000000000000aa").setType(FindingTypes.SLA_BREACH).setDataset("acme")
                .setOrderId("o-1").setDetectedAt(1_772_456_400_000L).setSeverity(FindingTypes.CRITICAL)
                .setPolicyId("sth-standard").setPolicyVersion("3").setMilestone("DELIVERED").setDeadline(1_772_450_000_000L)
                .setStage("LABEL_CREATED").setLastActivity("INTEGRATION_CALL_FAILED").setIdleMs(3_600_000L)
                .setNodeId("DC-NORTHEAST").setRegion("NORTHEAST").setChannel("WEB").setFulfillmentType("SHIP_TO_HOME")
                .setSourceSystem("CARRIER").setTraceSummary("ORDER_PLACED 10:02 > LABEL_CREATED 12:40")
                .setMessage("DELIVERED was due at 10:00 and has not happened")
                .setEvidence(new HashMap<>(Map.of("deadline", "2026-03-02T10:00:00Z")))
                .build();
    }

    static Finding spike() {
        return Finding.newBuilder()
                .setFindingId("exception_spike-0123456789abcdef").setType(FindingTypes.EXCEPTION_SPIKE).setDataset("demo")
                .setDetectedAt(1_772_460_000_000L).setSeverity(FindingTypes.WARNING).setSourceSystem("CARRIER")
                .setErrorCode("CARRIER_API_5XX").setMessage("Spike of CARRIER_API_5XX: 134 in 15 min, baseline 0.4")
                .setEvidence(new HashMap<>(Map.of("counts", "0,1,0,134", "baseline_mean", "0.40", "carrier", "SWIFTSHIP")))
                .build();
    }

    static Finding resolvedWithUnicodeAndNoEvidence() {
        return Finding.newBuilder()
                .setFindingId("resolved-1").setType(FindingTypes.RESOLVED).setDataset("dätä/ß")
                .setDetectedAt(-1L).setSeverity(FindingTypes.INFO).setResolves("exception_spike-0123456789abcdef")
                .setMessage("ended \u2014 \uD83D\uDE9A").setEvidence(new HashMap<>())
                .build();
    }

    @Override
    protected TypeSerializer<Finding> createSerializer() {
        return new FindingSerializer();
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<Finding> getTypeClass() {
        return Finding.class;
    }

    @Override
    protected Finding[] getTestData() {
        return new Finding[] {slaBreach(), spike(), resolvedWithUnicodeAndNoEvidence()};
    }

    @Test
    void the_bytes_after_the_length_prefix_are_the_fpi_findings_topic_value() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(128);
        new FindingSerializer().serialize(spike(), out);
        byte[] written = out.getCopyOfBuffer();

        byte[] topicValue = new FindingCodec().encode(spike());
        DataInputDeserializer in = new DataInputDeserializer(written);
        assertThat(in.readInt()).isEqualTo(topicValue.length);
        byte[] body = new byte[topicValue.length];
        in.readFully(body);
        assertThat(body).isEqualTo(topicValue);
        assertThat(in.available()).isZero();
    }

    @Test
    void a_copy_does_not_share_its_evidence_map_with_the_original() {
        Finding original = spike();
        Finding copy = new FindingSerializer().copy(original);

        original.getEvidence().put("late", "added");

        assertThat(copy.getEvidence()).doesNotContainKey("late").containsEntry("carrier", "SWIFTSHIP");
        assertThat(copy).isNotSameAs(original);
    }

    @Test
    void a_snapshot_restores_a_serializer_that_is_compatible_as_is() throws Exception {
        TypeSerializerSnapshot<Finding> snapshot = new FindingSerializer().snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<Finding> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        assertThat(read.restoreSerializer()).isEqualTo(new FindingSerializer());
        TypeSerializerSchemaCompatibility<Finding> compatibility =
                new FindingSerializer().snapshotConfiguration().resolveSchemaCompatibility(read);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
    }

    @Test
    void corrupt_bytes_fail_with_an_io_exception_instead_of_allocating_garbage() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(16);
        out.writeInt(-5);
        assertThatThrownBy(() -> new FindingSerializer().deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
                .isInstanceOf(IOException.class);

        DataOutputSerializer garbage = new DataOutputSerializer(16);
        garbage.writeInt(4);
        garbage.write(new byte[] {1, 2, 3, 4});
        assertThatThrownBy(() -> new FindingSerializer().deserialize(new DataInputDeserializer(garbage.getCopyOfBuffer())))
                .isInstanceOf(IOException.class);
    }

    @Test
    void the_type_information_creates_this_serializer_and_is_a_single_field_type() {
        assertThat(FindingTypeInfo.INSTANCE.createSerializer(new org.apache.flink.api.common.serialization.SerializerConfigImpl()))
                .isInstanceOf(FindingSerializer.class);
        assertThat(FindingTypeInfo.INSTANCE.getTypeClass()).isEqualTo(Finding.class);
        assertThat(FindingTypeInfo.INSTANCE.getArity()).isEqualTo(1);
        assertThat(FindingTypeInfo.INSTANCE.isKeyType()).isFalse();
    }
}
