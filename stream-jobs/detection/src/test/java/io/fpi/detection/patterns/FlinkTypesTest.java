package io.fpi.detection.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.detection.patterns.records.DatasetClock;
import io.fpi.detection.patterns.records.OpenWindow;
import io.fpi.detection.patterns.records.PatternHit;
import io.fpi.detection.patterns.records.PatternState;
import io.fpi.detection.patterns.records.WindowCount;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/** Every type kept in state or sent between operators is a Flink POJO serialized without Kryo. */
class FlinkTypesTest extends PatternsTestBase {

    @Test
    void state_and_record_types_are_flink_pojos() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(PatternHit.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(PatternState.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(OpenWindow.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(WindowCount.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(DatasetClock.class);
    }

    @Test
    void pattern_state_survives_a_serialization_round_trip() throws Exception {
        PatternHit hit = PatternKeys.hits(carrierFailure("o1", T0, "SWIFTSHIP"), allScope().build(), T0).get(0);
        PatternState s = PatternState.of(hit, T0, 4);
        s.recent[3] = 7;
        Baseline.learn(s, 7, 0.2);
        s.spikeStartMs = T0;

        PatternState copy = roundTrip(TypeInformation.of(PatternState.class), s);
        assertThat(copy).usingRecursiveComparison().isEqualTo(s);
    }

    @Test
    void an_open_window_keeps_the_smallest_distinct_order_ids_whatever_the_arrival_order() {
        OpenWindow a = new OpenWindow();
        for (String o : new String[] {"o5", "o2", "o9", "o2", "o1", "", null, "o3"}) {
            a.add(o);
        }
        assertThat(a.count).isEqualTo(8);
        assertThat(a.sampleOrders).containsExactly("o1", "o2", "o3");
    }

    private static <T> T roundTrip(TypeInformation<T> type, T value) throws Exception {
        TypeSerializer<T> serializer = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
