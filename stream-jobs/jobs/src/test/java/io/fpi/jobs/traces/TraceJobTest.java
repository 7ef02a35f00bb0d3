package io.fpi.jobs.traces;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.jobs.common.DeadLetter;
import io.fpi.jobs.common.DeadLetterReason;
import io.fpi.jobs.traces.functions.TraceBuilder;
import io.fpi.jobs.traces.functions.TraceKeySelector;
import io.fpi.jobs.traces.records.TraceRow;
import io.fpi.schemas.EventCodec;
import io.fpi.schemas.FulfillmentEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The workflow on a real Flink MiniCluster at parallelism 2, from encoded Kafka-like records
 * (shuffled, duplicated, malformed) to the three outputs.
 */
class TraceJobTest extends TraceTestBase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final EventCodec CODEC = new EventCodec();

    @Test
    void the_workflow_rebuilds_every_trace_once_writes_each_event_once_and_dead_letters_the_rest() throws Exception {
        // All event times lie within 6 h, far less than the 24 h retention: with two source splits the
        // watermark may run ahead of a slower split, but never far enough to clean up an order
        // or to make one of its events too late. Those paths are covered by the harness tests.
        Map<String, List<FulfillmentEvent>> orders = new HashMap<>();
        orders.put("acme/o1", List.of(orderPlaced("o1", T0), paymentAuthorized("o1", T0_PLUS_1M),
                orderSourced("o1", T0_PLUS_10M, "DC-01"), picked("o1", T0_PLUS_1H), exceptionRaised("o1", T0_PLUS_2H),
                packed("o1", T0_PLUS_3H), carrierHandoff("o1", T0_PLUS_4H), delivered("o1", T0_PLUS_6H)));
        orders.put("acme/o2", List.of(orderPlaced("o2", T0_PLUS_1M), orderCancelled("o2", T0_PLUS_30M)));
        orders.put("acme/o3", List.of(orderPlaced("o3", T0), delivered("o3", T0_PLUS_3H), returnInitiated("o3", T0_PLUS_4H),
                refundIssued("o3", T0_PLUS_6H)));
        // same order id in another dataset: a different trace
        orders.put("beta/o1", List.of(withDataset(orderPlaced("o1", T0_PLUS_2H)), withDataset(picked("o1", T0_PLUS_3H))));

        List<byte[][]> records = new ArrayList<>();
        orders.values().forEach(events -> events.forEach(e -> records.add(record(e))));
        records.add(record(orders.get("acme/o1").get(3)));            // duplicate
        records.add(record(resent(orders.get("acme/o3").get(3))));    // duplicate with a later ingest time
        Collections.shuffle(records, new Random(1));                  // out of order
        records.add(3, new byte[][] {key("acme/o9"), "{\"event_id\":\"e9\"}".getBytes(StandardCharsets.UTF_8)});
        records.add(7, new byte[][] {key("acme/o9"), unknownFingerprint()});
        records.add(9, new byte[][] {key("acme/o9"), Arrays.copyOf(record(orderPlaced("o9", T0))[1], 30)});
        records.add(11, record(event("", "PICKED", T0, "WMS").build()));
        records.add(13, record(event("o9", "PICKED", -1, "WMS").build()));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        TraceOutputs out = TraceJob.defineWorkflow(env, EncodedRecordSource.of(records), TraceJobConfig.defaults());
        CloseableIterator<TraceRow> traceRows = out.traces().collectAsync();
        CloseableIterator<FulfillmentEvent> eventRows = out.events().collectAsync();
        CloseableIterator<DeadLetter> deadLetters = out.deadLetters().collectAsync();
        env.executeAsync("trace-job-test");
        List<TraceRow> traces = drain(traceRows);
        List<FulfillmentEvent> events = drain(eventRows);
        List<DeadLetter> dead = drain(deadLetters);

        // every order: versions 1..n exactly once, the last one equal to the in-order trace
        Map<String, List<TraceRow>> byOrder = traces.stream().collect(Collectors.groupingBy(r -> r.dataset + "/" + r.orderId));
        assertThat(byOrder).containsOnlyKeys(orders.keySet());
        for (Map.Entry<String, List<FulfillmentEvent>> order : orders.entrySet()) {
            List<TraceRow> rows = byOrder.get(order.getKey());
            int n = order.getValue().size();
            assertThat(rows).extracting(r -> r.version).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, n).boxed().toList());
            TraceRow last = rows.stream().max(Comparator.comparingLong(r -> r.version)).orElseThrow();
            assertThat(last).as(order.getKey()).isEqualTo(inOrderTrace(order.getValue()));
        }
        TraceRow o1 = latest(byOrder.get("acme/o1"));
        assertThat(o1.status).isEqualTo("completed");
        assertThat(o1.cycleTimeMs).isEqualTo(T0_PLUS_6H - T0);
        assertThat(o1.stageNames).hasSize(6);
        assertThat(latest(byOrder.get("acme/o2")).status).isEqualTo("cancelled");
        assertThat(latest(byOrder.get("acme/o3")).status).isEqualTo("returned");
        assertThat(latest(byOrder.get("beta/o1")).activities).containsExactly("ORDER_PLACED", "PICKED");

        assertThat(events).extracting(e -> e.getDataset() + "/" + e.getEventId()).doesNotHaveDuplicates()
                .hasSize(orders.values().stream().mapToInt(List::size).sum());

        assertThat(dead).extracting(d -> d.reason).containsExactlyInAnyOrder(DeadLetterReason.NOT_SINGLE_OBJECT_AVRO,
                DeadLetterReason.UNKNOWN_SCHEMA, DeadLetterReason.CORRUPT_BODY, DeadLetterReason.MISSING_FIELD,
                DeadLetterReason.BAD_TIMESTAMP);
        assertThat(dead).allSatisfy(d -> assertThat(d.sourceTopic).isEqualTo("fpi.events"));
    }

    /** What a single trace builder makes of the events fed in time order. */
    private static TraceRow inOrderTrace(List<FulfillmentEvent> events) throws Exception {
        List<FulfillmentEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(FulfillmentEvent::getEventTime));
        try (KeyedOneInputStreamOperatorTestHarness<String, FulfillmentEvent, TraceRow> h = ProcessFunctionTestHarnesses
                .forKeyedProcessFunction(new TraceBuilder(RETENTION, IDLE_EXPIRY), new TraceKeySelector(), Types.STRING)) {
            for (FulfillmentEvent e : sorted) {
                h.processElement(e, e.getEventTime());
            }
            List<TraceRow> rows = h.extractOutputValues();
            return rows.get(rows.size() - 1);
        }
    }

    private static TraceRow latest(List<TraceRow> rows) {
        return rows.stream().max(Comparator.comparingLong(r -> r.version)).orElseThrow();
    }

    private static FulfillmentEvent withDataset(FulfillmentEvent e) {
        return FulfillmentEvent.newBuilder(e).setDataset("beta").build();
    }

    private static byte[][] record(FulfillmentEvent e) {
        return new byte[][] {key(e.getDataset() + "/" + e.getOrderId()), CODEC.encode(e)};
    }

    private static byte[] key(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] unknownFingerprint() {
        byte[] value = CODEC.encode(orderPlaced("o9", T0));
        value[5] ^= 0x33;
        return value;
    }

    private static <T> List<T> drain(CloseableIterator<T> it) throws Exception {
        List<T> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
