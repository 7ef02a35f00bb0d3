package io.fpi.jobs.common;

import io.fpi.schemas.FulfillmentEvent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;

/**
 * What the Kafka source makes of one record: either a valid {@link FulfillmentEvent} or a
 * {@link DeadLetter} saying why not. Malformed input thus flows as data instead of an exception
 * that would fail (and endlessly restart) the job.
 *
 * <p>A POJO with exactly one non-null field; its {@link TypeInfo} plugs the Avro serializer into
 * the event field, which Flink's type extraction cannot do on its own.
 */
@TypeInfo(Envelope.TypeFactory.class)
public class Envelope {
    /** Flink type information of envelopes (also what Flink derives from the class annotation). */
    public static final TypeInformation<Envelope> TYPE = TypeFactory.create();

    public FulfillmentEvent event;
    public DeadLetter deadLetter;

    public Envelope() {}

    public static Envelope of(FulfillmentEvent event) {
        Envelope e = new Envelope();
        e.event = event;
        return e;
    }

    public static Envelope of(DeadLetter deadLetter) {
        Envelope e = new Envelope();
        e.deadLetter = deadLetter;
        return e;
    }

    public boolean isEvent() {
        return event != null;
    }

    @Override
    public String toString() {
        return isEvent() ? "Envelope[" + event + "]" : "Envelope[" + deadLetter + "]";
    }

    /** The POJO type with the event field typed by {@link FulfillmentEventTypeInfo}. */
    public static final class TypeFactory extends TypeInfoFactory<Envelope> {
        @Override
        public TypeInformation<Envelope> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return TYPE;
        }

        private static TypeInformation<Envelope> create() {
            try {
                return new PojoTypeInfo<>(Envelope.class, List.of(
                        new PojoField(Envelope.class.getField("event"), FulfillmentEventTypeInfo.INSTANCE),
                        new PojoField(Envelope.class.getField("deadLetter"), TypeInformation.of(DeadLetter.class))));
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
