package io.fpi.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.jobs.traces.TraceTestBase;
import io.fpi.jobs.traces.records.OrderChange;
import io.fpi.jobs.traces.records.OrderFacts;
import io.fpi.jobs.traces.records.TraceRow;
import io.fpi.jobs.traces.records.TraceState;
import io.fpi.schemas.FulfillmentEvent;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/** Every type kept in state or sent between operators is serialized by Flink without Kryo. */
class FlinkTypesTest extends TraceTestBase {

    @Test
    void state_and_record_types_are_flink_pojos() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(TraceState.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(TraceRow.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(DeadLetter.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(OrderFacts.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(OrderChange.class);
    }

    @Test
    void the_envelope_is_a_pojo_whose_event_field_uses_the_avro_serializer() {
        TypeInformation<Envelope> type = TypeInformation.of(Envelope.class);

        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        assertThat(((PojoTypeInfo<Envelope>) type).getTypeAt("event")).isEqualTo(FulfillmentEventTypeInfo.INSTANCE);
    }

    @Test
    void events_and_envelopes_survive_a_serialization_round_trip() throws Exception {
        FulfillmentEvent event = FulfillmentEvent.newBuilder(orderPlaced("o1", T0))
                .setAttributes(Map.of("carrier", "DHL", "sku", "A-1")).setSequence(3L).build();

        assertThat(roundTrip(FulfillmentEventTypeInfo.INSTANCE, event)).isEqualTo(event);
        Envelope wrapped = roundTrip(TypeInformation.of(Envelope.class), Envelope.of(event));
        assertThat(wrapped.event).isEqualTo(event);
        assertThat(wrapped.deadLetter).isNull();
        DeadLetter letter = new DeadLetter(null, new byte[] {1, 2}, DeadLetterReason.CORRUPT_BODY, "x", "t", 0, 5);
        assertThat(roundTrip(TypeInformation.of(Envelope.class), Envelope.of(letter)).deadLetter).isEqualTo(letter);
    }

    @Test
    void a_copied_event_is_independent_of_the_original() {
        TypeSerializer<FulfillmentEvent> serializer = FulfillmentEventTypeInfo.INSTANCE.createSerializer(new SerializerConfigImpl());
        FulfillmentEvent event = FulfillmentEvent.newBuilder(orderPlaced("o1", T0)).setAttributes(new java.util.HashMap<>(Map.of("a", "1"))).build();

        FulfillmentEvent copy = serializer.copy(event);
        event.getAttributes().put("b", "2");

        assertThat(copy.getAttributes()).containsOnlyKeys("a");
        assertThat(serializer.duplicate()).isNotSameAs(serializer).isEqualTo(serializer);
    }

    @Test
    void trace_state_survives_a_serialization_round_trip_and_reinterns_its_strings() throws Exception {
        TraceState state = new TraceState();
        state.add(orderPlaced("o1", T0), Hashes.eventId("e1"));
        state.add(event("o1", "PICKED", T0_PLUS_1H, "WMS").setSequence(4L).build(), Hashes.eventId("e2"));

        TraceState copy = roundTrip(TypeInformation.of(TraceState.class), state);
        assertThat(copy.activities).containsExactly("ORDER_PLACED", "PICKED");
        assertThat(copy.sequences).containsExactly(0L, 4L);
        assertThat(copy.channel).isEqualTo("WEB").isNotSameAs(state.channel);

        copy.internStrings();
        assertThat(copy.channel).isSameAs(state.channel);
        assertThat(copy.activities[1]).isSameAs(state.activities[1]);
    }

    private static <T> T roundTrip(TypeInformation<T> type, T value) throws Exception {
        TypeSerializer<T> serializer = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
