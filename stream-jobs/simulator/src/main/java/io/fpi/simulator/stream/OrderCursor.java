package io.fpi.simulator.stream;

import io.fpi.simulator.RecordKind;
import io.fpi.simulator.noise.OrderEmissions;
import io.fpi.simulator.orders.OrderPlan;

/** An in-flight order in the emission heap: its plan, its records and the next one to send. */
final class OrderCursor {
    final OrderPlan plan;
    final OrderEmissions emissions;
    int position;

    OrderCursor(OrderPlan plan, OrderEmissions emissions) {
        this.plan = plan;
        this.emissions = emissions;
    }

    long nextEmitAt() {
        return emissions.emitAt(position);
    }

    long index() {
        return plan.profile().index();
    }

    boolean done() {
        return position >= emissions.size();
    }

    /** Which distinct events have been emitted so far (for an order cut off by a stop). */
    boolean[] emittedEvents() {
        boolean[] emitted = new boolean[plan.eventCount()];
        for (int i = 0; i < position; i++) {
            if (emissions.kind(i) == RecordKind.EVENT) {
                emitted[emissions.eventIndex(i)] = true;
            }
        }
        return emitted;
    }

    /** Heap order: emission time, then order index (deterministic tie-break). */
    static int compare(OrderCursor a, OrderCursor b) {
        int c = Long.compare(a.nextEmitAt(), b.nextEmitAt());
        return c != 0 ? c : Long.compare(a.index(), b.index());
    }
}
