package io.fpi.detection.kpi.functions;

import io.fpi.detection.kpi.records.KpiContribution;
import io.fpi.detection.kpi.records.Measure;
import io.fpi.jobs.traces.records.OrderChange;
import io.fpi.jobs.traces.records.OrderFacts;
import io.fpi.schemas.CanonicalActivity;
import io.fpi.schemas.OrderStatus;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Turns one order change into minute contributions. Stateless: the trace builder hands over the
 * order's facts before and after the event, so
 * <ul>
 *   <li>order facts (placed, ended, cycle time, units, cost, refund cycle) are retracted as they
 *   were and added as they are; identical pairs cancel, so an event that changes nothing about the
 *   order's facts contributes nothing. Summed over all changes, each order counts exactly once, with
 *   its current facts, in the minute of each fact's time;</li>
 *   <li>event facts (exception raised, inventory sync, integration failure) are added once, in the
 *   event's minute, attributed to the order's dimensions as known after the event.</li>
 * </ul>
 */
public class OrderChangeContributions implements FlatMapFunction<OrderChange, KpiContribution> {
    private static final long serialVersionUID = 1L;

    private static final String COMPLETED = OrderStatus.COMPLETED.wireName();
    private static final String RETURNED = OrderStatus.RETURNED.wireName();
    private static final String CANCELLED = OrderStatus.CANCELLED.wireName();

    @Override
    public void flatMap(OrderChange change, Collector<KpiContribution> out) {
        List<KpiContribution> removed = change.before == null ? new ArrayList<>() : facts(change.dataset, change.before);
        List<KpiContribution> added = facts(change.dataset, change.after);
        for (Iterator<KpiContribution> it = added.iterator(); it.hasNext(); ) {
            KpiContribution a = it.next();
            for (Iterator<KpiContribution> r = removed.iterator(); r.hasNext(); ) {
                if (r.next().sameFact(a)) {
                    r.remove();
                    it.remove();
                    break;
                }
            }
        }
        removed.forEach(c -> out.collect(c.negated()));
        added.forEach(out::collect);
        KpiContribution event = eventFact(change);
        if (event != null) {
            out.collect(event);
        }
    }

    /** Everything the order contributes, each with sign +1, as a pure function of its facts. */
    static List<KpiContribution> facts(String dataset, OrderFacts f) {
        List<KpiContribution> out = new ArrayList<>(8);
        out.add(of(dataset, f, f.placedAtMs, Measure.ORDERS_PLACED, 0));
        if (f.completedAtMs != null) {
            long ended = f.completedAtMs;
            boolean completed = COMPLETED.equals(f.status) || RETURNED.equals(f.status);
            if (completed) {
                out.add(of(dataset, f, ended, Measure.ORDERS_COMPLETED, 0));
                out.add(of(dataset, f, ended, Measure.CYCLE_TIME, Math.max(0, f.cycleTimeMs)));
                if (f.costMinor != null) {
                    out.add(of(dataset, f, ended, Measure.COST, f.costMinor));
                }
            }
            if (RETURNED.equals(f.status)) {
                // in the minute the order became returned (its refund), where the refund cycle counts too:
                // the delivery minute is usually past the allowed lateness by then, and a period's returns
                // are the returns made in it
                out.add(of(dataset, f, f.refundIssuedMs != null ? f.refundIssuedMs : ended, Measure.ORDERS_RETURNED, 0));
            }
            if (CANCELLED.equals(f.status)) {
                out.add(of(dataset, f, ended, Measure.ORDERS_CANCELLED, 0));
            }
            if ((completed || CANCELLED.equals(f.status)) && f.unitsOrdered != null) {
                out.add(of(dataset, f, ended, Measure.UNITS_ORDERED, f.unitsOrdered));
                out.add(of(dataset, f, ended, Measure.UNITS_FULFILLED, f.unitsFulfilled == null ? 0 : f.unitsFulfilled));
            }
        }
        if (f.returnInitiatedMs != null && f.refundIssuedMs != null && f.refundIssuedMs >= f.returnInitiatedMs) {
            out.add(of(dataset, f, f.refundIssuedMs, Measure.REFUND_CYCLE, f.refundIssuedMs - f.returnInitiatedMs));
        }
        return out;
    }

    private static KpiContribution eventFact(OrderChange c) {
        Measure m;
        String label = "";
        if (CanonicalActivity.EXCEPTION_RAISED.name().equals(c.activity)) {
            m = Measure.EXCEPTION_RAISED;
        } else if (CanonicalActivity.INVENTORY_SYNCED.name().equals(c.activity)) {
            m = Measure.INVENTORY_SYNC;
        } else if (CanonicalActivity.INVENTORY_SYNC_MISMATCH.name().equals(c.activity)) {
            m = Measure.INVENTORY_SYNC_MISMATCH;
        } else if (CanonicalActivity.INTEGRATION_CALL_FAILED.name().equals(c.activity)) {
            m = Measure.INTEGRATION_FAILURE;
            label = c.sourceSystem.isEmpty() ? "UNKNOWN" : c.sourceSystem;
        } else {
            return null;
        }
        return new KpiContribution(c.dataset, c.after.channel, c.after.fulfillmentType, c.after.region, c.after.nodeId,
                c.eventTimeMs, m, 1, 0, label);
    }

    private static KpiContribution of(String dataset, OrderFacts f, long timeMs, Measure m, long value) {
        return new KpiContribution(dataset, f.channel, f.fulfillmentType, f.region, f.nodeId, timeMs, m, 1, value, "");
    }
}
