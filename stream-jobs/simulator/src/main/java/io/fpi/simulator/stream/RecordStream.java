package io.fpi.simulator.stream;

import io.fpi.schemas.FulfillmentEvent;
import io.fpi.simulator.MalformedReason;
import io.fpi.simulator.RecordKind;
import io.fpi.simulator.SimRecord;
import io.fpi.simulator.SimulatorConfig;
import io.fpi.simulator.noise.EmissionPlanner;
import io.fpi.simulator.noise.OrderEmissions;
import io.fpi.simulator.orders.OrderFactory;
import io.fpi.simulator.orders.OrderPlan;
import io.fpi.simulator.orders.PlannedEvent;
import io.fpi.simulator.scenarios.Scenarios;
import io.fpi.simulator.truth.GroundTruthSink;
import io.fpi.simulator.truth.Labeler;
import io.fpi.simulator.truth.MalformedTruth;
import io.fpi.simulator.truth.OrderTruth;
import io.fpi.simulator.truth.RunInfo;
import io.fpi.simulator.truth.TruthSummary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * The generated stream, in emission order (non-decreasing {@code emitAtSimMs}). Orders are placed
 * by the arrival process just before their first record is due, and each in-flight order sits in a
 * heap keyed by its next record's time. Nothing here reads the wall clock: pacing is the
 * publisher's business, so the same config always yields the same records.
 *
 * <p>The ground truth of an order goes to the sink when its last record has been emitted; on
 * {@link #finish()} (or {@link #close()}) the orders still in flight are written as truncated and
 * the summary line follows. A bounded stream finishes by itself when exhausted.
 */
public final class RecordStream implements Iterator<SimRecord>, AutoCloseable {
    /** Mean distinct events per order in the default mix (checked by a test); sets the order rate. */
    public static final double EVENTS_PER_ORDER = 15.3;

    private final SimulatorConfig config;
    private final Scenarios scenarios;
    private final OrderFactory factory;
    private final EmissionPlanner planner;
    private final EventEncoder encoder = new EventEncoder();
    private final ArrivalProcess arrivals;
    private final GroundTruthSink truth;
    private final StreamStats stats;
    private final PriorityQueue<OrderCursor> heap = new PriorityQueue<>(OrderCursor::compare);
    private boolean finished;

    public RecordStream(SimulatorConfig config, GroundTruthSink truth) {
        this.config = config;
        this.truth = truth;
        this.scenarios = Scenarios.resolve(config.scenarios(), config.simStartMs(), config.seed());
        this.factory = new OrderFactory(config.dataset(), config.seed(), scenarios);
        this.planner = new EmissionPlanner(config.seed(), config.noise());
        long end = config.simDuration() == null ? Long.MAX_VALUE : config.simStartMs() + config.simDuration().toMillis();
        this.arrivals = new ArrivalProcess(config.seed(), scenarios, ordersPerSimSecond(config), config.simStartMs(),
                end, config.maxOrders());
        this.stats = new StreamStats(config.simStartMs());
        truth.run(new RunInfo(config.dataset(), config.seed(), config.simStartMs(), config.eventsPerSecond(),
                config.speedup(), config.paced(), config.noise().outOfOrderRate(), config.noise().duplicateRate(),
                config.noise().malformedRate(), config.noise().maxDisorderMs(), config.maxOrders(), scenarios.all()));
    }

    /**
     * Orders per simulated second so that distinct events per wall second = rate at the given
     * speed-up. Noise records come on top (so changing a noise rate never changes the orders).
     */
    public static double ordersPerSimSecond(SimulatorConfig c) {
        return c.eventsPerSecond() / (c.speedup() * EVENTS_PER_ORDER);
    }

    public Scenarios scenarios() {
        return scenarios;
    }

    @Override
    public boolean hasNext() {
        if (finished) {
            return false;
        }
        refill();
        if (heap.isEmpty()) {
            finish();
            return false;
        }
        return true;
    }

    @Override
    public SimRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the stream is finished");
        }
        OrderCursor c = heap.poll();
        SimRecord r = emit(c);
        c.position++;
        if (c.done()) {
            OrderTruth t = Labeler.finished(c.plan);
            stats.order(t);
            truth.order(t);
        } else {
            heap.add(c);
        }
        stats.record(r);
        return r;
    }

    /** The emission time of the next record, or -1 when none is left. */
    public long peekEmitAt() {
        return hasNext() ? heap.peek().nextEmitAt() : -1;
    }

    private void refill() {
        while (arrivals.hasNext() && (heap.isEmpty() || arrivals.peek() <= heap.peek().nextEmitAt())) {
            long index = arrivals.created();
            OrderPlan plan = factory.create(index, arrivals.take());
            heap.add(new OrderCursor(plan, planner.plan(plan)));
        }
    }

    private SimRecord emit(OrderCursor c) {
        OrderEmissions em = c.emissions;
        int k = c.position;
        OrderPlan plan = c.plan;
        PlannedEvent e = plan.event(em.eventIndex(k));
        long at = em.emitAt(k);
        RecordKind kind = em.kind(k);
        if (kind == RecordKind.MALFORMED) {
            MalformedReason reason = em.reason(k);
            byte[] value = encoder.malformed(encoder.toEvent(plan, e, at), reason, em.aux(k));
            byte[] key = reason == MalformedReason.EMPTY_ORDER_ID
                    ? (plan.dataset() + "/").getBytes(StandardCharsets.UTF_8) : plan.key();
            truth.malformed(new MalformedTruth(stats.records(), new String(key, StandardCharsets.UTF_8),
                    plan.orderId(), reason.name(), at));
            return new SimRecord(key, value, at, null, kind, reason);
        }
        // a duplicate re-sends the original bytes, ingest_time included
        FulfillmentEvent f = encoder.toEvent(plan, e, kind == RecordKind.DUPLICATE ? em.aux(k) : at);
        return new SimRecord(plan.key(), encoder.encode(f), at, f, kind, null);
    }

    /**
     * Ends the stream: in-flight orders with at least one emitted record are written as truncated,
     * then the summary. Idempotent.
     */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        long horizon = stats.simEndMs();
        List<OrderCursor> rest = new ArrayList<>(heap);
        heap.clear();
        rest.sort(Comparator.comparingLong(OrderCursor::index));
        for (OrderCursor c : rest) {
            if (c.position == 0) {
                continue; // nothing of it reached the stream: not part of this run's truth
            }
            OrderTruth t = Labeler.of(c.plan, c.emittedEvents(), horizon);
            stats.order(t);
            truth.order(t);
        }
        truth.summary(stats.summary());
    }

    public TruthSummary summary() {
        return stats.summary();
    }

    @Override
    public void close() {
        finish();
    }

    SimulatorConfig config() {
        return config;
    }
}
