package io.fpi.jobs.traces.functions;

import io.fpi.jobs.common.DeadLetter;
import io.fpi.jobs.common.DeadLetterReason;
import io.fpi.jobs.common.Envelope;
import io.fpi.jobs.common.FulfillmentEventTypeInfo;
import io.fpi.schemas.FulfillmentEvent;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Valid events go on; dead letters leave through {@link #DEAD_LETTERS}, counted per reason in metric
 * group {@code deadLetters}. Chained to the source.
 */
public final class SplitDeadLetters extends ProcessFunction<Envelope, FulfillmentEvent>
        implements ResultTypeQueryable<FulfillmentEvent> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private transient Map<DeadLetterReason, Counter> deadLetterCounters;

    @Override
    public void open(OpenContext openContext) {
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("deadLetters");
        deadLetterCounters = new EnumMap<>(DeadLetterReason.class);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadLetterCounters.put(reason, group.counter(reason.name()));
        }
    }

    @Override
    public void processElement(Envelope envelope, Context ctx, Collector<FulfillmentEvent> out) {
        if (envelope.isEvent()) {
            out.collect(envelope.event);
        } else {
            deadLetterCounters.get(envelope.deadLetter.reason).inc();
            ctx.output(DEAD_LETTERS, envelope.deadLetter);
        }
    }

    @Override
    public TypeInformation<FulfillmentEvent> getProducedType() {
        return FulfillmentEventTypeInfo.INSTANCE;
    }
}
