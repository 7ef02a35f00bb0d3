package io.fpi.policies.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.schemas.FulfillmentEvent;
import io.fpi.simulator.orders.OrderFactory;
import io.fpi.simulator.orders.OrderPlan;
import io.fpi.simulator.orders.PlannedEvent;
import io.fpi.simulator.scenarios.ScenarioName;
import io.fpi.simulator.scenarios.ScenarioSpec;
import io.fpi.simulator.scenarios.Scenarios;
import io.fpi.simulator.truth.Labeler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The shipped promise milestones against the simulator's ground truth: an order is "late" when
 * its completing milestone came after promised_by (or the promise passed before a cancellation),
 * and exactly those orders get an SLA_BREACH on a promise rule — also when a third of the events
 * arrive up to 20 minutes out of order behind a watermark.
 */
class SimulatorAgreementTest {
    private static final long START = Instant.parse("2025-03-03T00:00:00Z").toEpochMilli();
    private static final long LAG = Duration.ofMinutes(20).toMillis();
    private final SlaEvaluator evaluator = new SlaEvaluator(SlaPolicies.loadDefault());

    @Test
    void promise_breaches_are_exactly_the_simulators_late_orders() {
        assertAgreement(new OrderFactory("demo", 42, Scenarios.none()), 3_000);
    }

    @Test
    void promise_breaches_are_exactly_the_late_orders_under_every_scenario() {
        List<ScenarioSpec> specs = new ArrayList<>();
        for (ScenarioName name : ScenarioName.values()) {
            specs.add(new ScenarioSpec(name, null, Duration.ofHours(6 + 10L * name.ordinal()), Duration.ofHours(8)));
        }
        assertAgreement(new OrderFactory("demo", 7, Scenarios.resolve(specs, START, 7)), 3_000);
    }

    private void assertAgreement(OrderFactory factory, int orders) {
        Random random = new Random(1);
        int late = 0;
        for (int i = 0; i < orders; i++) {
            OrderPlan plan = factory.create(i, START + (long) (random.nextDouble() * 4 * 86_400_000L));
            boolean truth = Labeler.finished(plan).late() != null;
            late += truth ? 1 : 0;
            assertThat(promiseBreached(plan, new Random(i), 0)).as("%s in order", plan.orderId()).isEqualTo(truth);
            assertThat(promiseBreached(plan, new Random(i), 0.3)).as("%s out of order", plan.orderId()).isEqualTo(truth);
        }
        assertThat(late).as("the sample has late orders to find").isGreaterThan(orders / 100);
    }

    /** Feeds the plan's events (a share of them delayed by up to LAG) and a lagging watermark. */
    private boolean promiseBreached(OrderPlan plan, Random random, double disorder) {
        int n = plan.eventCount();
        long[][] arrivals = new long[n][2];
        for (int k = 0; k < n; k++) {
            long t = plan.event(k).timeMs();
            arrivals[k][0] = t + (random.nextDouble() < disorder ? (long) (random.nextDouble() * LAG) : 0);
            arrivals[k][1] = k;
        }
        java.util.Arrays.sort(arrivals, (a, b) -> Long.compare(a[0], b[0]));
        OrderSlaState state = new OrderSlaState();
        List<SlaFinding> findings = new ArrayList<>();
        for (long[] arrival : arrivals) {
            evaluator.onEvent(state, toEvent(plan, plan.event((int) arrival[1])));
            long watermark = arrival[0] - (disorder > 0 ? LAG : 0) - 1;
            while (state.nextTimerMs <= watermark) {
                evaluator.onTimer(state, plan.dataset(), plan.orderId(), state.nextTimerMs, findings::add);
            }
        }
        while (state.nextTimerMs != SlaEvaluator.NO_TIMER) {
            evaluator.onTimer(state, plan.dataset(), plan.orderId(), state.nextTimerMs, findings::add);
        }
        return findings.stream().anyMatch(f -> f.type() == FindingType.SLA_BREACH && f.isPromise());
    }

    /** The fields the simulator's encoder writes that the evaluator reads. */
    private static FulfillmentEvent toEvent(OrderPlan plan, PlannedEvent e) {
        FulfillmentEvent f = new FulfillmentEvent();
        f.setEventId(e.eventId());
        f.setDataset(plan.dataset());
        f.setOrderId(plan.orderId());
        f.setActivity(e.activity().name());
        f.setEventTime(e.timeMs());
        f.setIngestTime(e.timeMs());
        f.setSourceSystem(e.source());
        f.setChannel(plan.profile().channel().name());
        f.setFulfillmentType(plan.profile().type().name());
        f.setNodeId(e.node() == null ? null : e.node().id());
        f.setRegion(e.node() == null ? null : e.node().region().name());
        f.setPromisedBy(e.promisedBy());
        f.setAttributes(e.attributes());
        return f;
    }
}
