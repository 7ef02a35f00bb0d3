package io.fpi.detection.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.detection.stalls.StallState;
import io.fpi.schemas.Finding;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

class OrderMonitorStateTest extends MonitorTestBase {

    @Test
    void the_per_order_state_and_the_outcome_are_flink_pojos_without_kryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(OrderMonitorState.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(StallState.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(io.fpi.detection.stalls.StallEpisode.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(io.fpi.detection.stalls.StallBlockers.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(SlaOutcome.class);
    }

    @Test
    void findings_round_trip_through_their_flink_serializer() throws Exception {
        Finding f = Finding.newBuilder().setFindingId("stall-1").setType("STALL").setDataset(DATASET).setOrderId("O-1")
                .setDetectedAt(T0).setSeverity("warning").setStage("PACKED").setIdleMs(5L).setMessage("m")
                .setEvidence(java.util.Map.of("reason", "threshold")).build();
        TypeSerializer<Finding> serializer = io.fpi.detection.findings.FindingTypeInfo.INSTANCE.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(f, out);

        Finding back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(back).isEqualTo(f);
        assertThat(serializer.copy(f)).isEqualTo(f).isNotSameAs(f);
        assertThat(serializer.snapshotConfiguration().restoreSerializer()).isEqualTo(serializer);
    }
}
