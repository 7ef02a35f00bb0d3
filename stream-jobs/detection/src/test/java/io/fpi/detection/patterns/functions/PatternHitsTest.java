package io.fpi.detection.patterns.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.detection.patterns.PatternConfig;
import io.fpi.detection.patterns.PatternsTestBase;
import io.fpi.detection.patterns.records.PatternHit;
import io.fpi.schemas.FulfillmentEvent;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The dataset clock on Flink's keyed harness: stamping, scopes, and cleanup on the watermark. */
class PatternHitsTest extends PatternsTestBase {

    private static KeyedOneInputStreamOperatorTestHarness<String, FulfillmentEvent, PatternHit> harness(PatternConfig config)
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new PatternHits(config)),
                FulfillmentEvent::getDataset, Types.STRING);
        h.open();
        return h;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, FulfillmentEvent, PatternHit> h,
                             FulfillmentEvent e) throws Exception {
        h.processElement(e, e.getEventTime());
    }

    @Test
    void an_exception_yields_one_hit_per_scope_stamped_with_the_datasets_first_window() throws Exception {
        try (var h = harness(PatternConfig.defaults())) {
            send(h, backorder("o1", window(2) + 5, "ST-0412"));
            send(h, carrierFailure("o2", window(5) + 7, "SWIFTSHIP"));

            List<PatternHit> hits = h.extractOutputValues();
            assertThat(hits).extracting(x -> x.scope).containsExactly("node", "region", "all", "node", "region", "all");
            assertThat(hits).allSatisfy(x -> assertThat(x.datasetStartMs).isEqualTo(window(2)));
            PatternHit node = hits.get(0);
            assertThat(node.patternKey).isEqualTo("EXCEPTION_RAISED|BACKORDER|OMS|node=ST-0412|region=NORTHEAST|channel=WEB");
            assertThat(node.key).isEqualTo("acme\u001fnode\u001f" + node.patternKey);
            assertThat(node.orderId).isEqualTo("o1");
            assertThat(node.eventTimeMs).isEqualTo(window(2) + 5);
            assertThat(hits.get(5).patternKey).isEqualTo("INTEGRATION_CALL_FAILED|CARRIER_API_5XX|CARRIER|carrier=SWIFTSHIP");
        }
    }

    @Test
    void an_earlier_out_of_order_event_moves_the_clock_back_and_other_datasets_keep_their_own() throws Exception {
        try (var h = harness(PatternConfig.defaults())) {
            send(h, backorder("o1", window(3), "DC-NORTHEAST"));
            send(h, backorder("o2", window(1) + 10, "DC-NORTHEAST"));
            send(h, FulfillmentEvent.newBuilder(backorder("o3", window(6), "DC-NORTHEAST")).setDataset("beta").build());

            assertThat(h.extractOutputValues()).extracting(x -> x.dataset + "@" + x.datasetStartMs).containsExactly(
                    "acme@" + window(3), "acme@" + window(3), "acme@" + window(3),
                    "acme@" + window(1), "acme@" + window(1), "acme@" + window(1),
                    "beta@" + window(6), "beta@" + window(6), "beta@" + window(6));
        }
    }

    @Test
    void other_activities_pass_through_without_hits_or_state() throws Exception {
        try (var h = harness(PatternConfig.defaults())) {
            send(h, event("o1", "PICKED", T0, "WMS").build());
            send(h, event("o1", "EXCEPTION_RESOLVED", T0, "OMS").setErrorCode("BACKORDER").build());
            send(h, event("o1", "INTEGRATION_CALL_RETRIED", T0, "CARRIER").build());

            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void the_clock_of_a_quiet_dataset_is_dropped_after_the_idle_expiry_and_restarts_with_its_next_event() throws Exception {
        PatternConfig config = PatternConfig.builder().idleExpiry(Duration.ofHours(1)).build();
        try (var h = harness(config)) {
            send(h, backorder("o1", window(0) + 5, "DC-NORTHEAST"));
            send(h, backorder("o2", window(2) + 5, "DC-NORTHEAST"));
            assertThat(h.numEventTimeTimers()).as("one cleanup timer, moved by the later event").isEqualTo(1);

            h.processWatermark(window(7) - 1); // end of window 2 + 1 h, not yet passed
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
            h.processWatermark(window(7));
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();

            h.getOutput().clear();
            send(h, backorder("o3", window(9), "DC-NORTHEAST"));
            assertThat(h.extractOutputValues()).allSatisfy(x -> assertThat(x.datasetStartMs).isEqualTo(window(9)));
        }
    }
}
