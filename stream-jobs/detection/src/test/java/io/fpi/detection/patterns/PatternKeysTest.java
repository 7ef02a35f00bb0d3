package io.fpi.detection.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.detection.patterns.records.PatternHit;
import io.fpi.schemas.FulfillmentEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PatternKeysTest extends PatternsTestBase {

    @Test
    void the_default_activities_are_the_exception_like_ones() {
        PatternConfig c = PatternConfig.defaults();
        for (String a : List.of("EXCEPTION_RAISED", "INTEGRATION_CALL_FAILED", "PAYMENT_FAILED", "DELIVERY_FAILED",
                "INVENTORY_SYNC_MISMATCH", "RECONCILIATION_MISMATCH")) {
            assertThat(PatternKeys.counts(event("o", a, T0, "OMS").build(), c)).as(a).isTrue();
        }
        for (String a : List.of("EXCEPTION_RESOLVED", "INTEGRATION_CALL_RETRIED", "ORDER_CANCELLED", "DELIVERED")) {
            assertThat(PatternKeys.counts(event("o", a, T0, "OMS").build(), c)).as(a).isFalse();
        }
    }

    @Test
    void an_event_without_error_code_is_keyed_by_its_activity() {
        FulfillmentEvent e = event("o", "RECONCILIATION_MISMATCH", T0, "FINANCE").build();
        assertThat(PatternKeys.errorCode(e)).isEqualTo("RECONCILIATION_MISMATCH");
        assertThat(PatternKeys.hits(e, allScope().build(), T0).get(0).patternKey)
                .isEqualTo("RECONCILIATION_MISMATCH|RECONCILIATION_MISMATCH|FINANCE");
    }

    @Test
    void scopes_key_by_their_location_and_every_scope_by_the_key_attributes() {
        PatternConfig c = PatternConfig.builder().scopes(PatternScope.values()).keyAttributes("carrier", "target").build();
        List<PatternHit> hits = PatternKeys.hits(carrierFailure("o", T0, "BLUEPOST"), c, T0);

        assertThat(hits).extracting(h -> h.patternKey).containsExactly(
                "INTEGRATION_CALL_FAILED|CARRIER_API_5XX|CARRIER|node=DC-NORTHEAST|region=NORTHEAST|channel=WEB|carrier=BLUEPOST|target=CARRIER",
                "INTEGRATION_CALL_FAILED|CARRIER_API_5XX|CARRIER|region=NORTHEAST|carrier=BLUEPOST|target=CARRIER",
                "INTEGRATION_CALL_FAILED|CARRIER_API_5XX|CARRIER|channel=WEB|carrier=BLUEPOST|target=CARRIER",
                "INTEGRATION_CALL_FAILED|CARRIER_API_5XX|CARRIER|carrier=BLUEPOST|target=CARRIER");
        assertThat(hits.get(1).nodeId).isNull();
        assertThat(hits.get(1).region).isEqualTo("NORTHEAST");
        assertThat(hits.get(3).attrKeys).containsExactly("carrier", "target");
        assertThat(hits.get(3).attrValues).containsExactly("BLUEPOST", "CARRIER");
    }

    @Test
    void an_event_without_the_scopes_location_is_counted_only_in_coarser_scopes() {
        FulfillmentEvent beforeSourcing = event("o", "PAYMENT_FAILED", T0, "PAYMENT").setErrorCode("CARD_DECLINED")
                .setNodeId(null).setRegion(null).build();
        PatternConfig c = PatternConfig.builder().scopes(PatternScope.values()).build();

        assertThat(PatternKeys.hits(beforeSourcing, c, T0)).extracting(h -> h.scope).containsExactly("channel", "all");

        FulfillmentEvent nodeWithoutChannel = FulfillmentEvent.newBuilder(backorder("o", T0, "ST-0001")).setChannel(null).build();
        assertThat(PatternKeys.hits(nodeWithoutChannel, c, T0)).extracting(h -> h.patternKey).first()
                .isEqualTo("EXCEPTION_RAISED|BACKORDER|OMS|node=ST-0001|region=NORTHEAST|channel=");
    }

    @Test
    void values_are_escaped_so_that_different_keys_never_print_alike() {
        FulfillmentEvent a = event("o", "EXCEPTION_RAISED", T0, "OMS|x").setErrorCode("A").build();
        FulfillmentEvent b = event("o", "EXCEPTION_RAISED", T0, "OMS").setErrorCode("A|x").build();
        PatternConfig c = allScope().build();

        String ka = PatternKeys.hits(a, c, T0).get(0).patternKey;
        String kb = PatternKeys.hits(b, c, T0).get(0).patternKey;
        assertThat(ka).isEqualTo("EXCEPTION_RAISED|A|OMS\\|x");
        assertThat(kb).isEqualTo("EXCEPTION_RAISED|A\\|x|OMS");
        FulfillmentEvent withAttr = FulfillmentEvent.newBuilder(carrierFailure("o", T0, "X=Y\\Z")).build();
        assertThat(PatternKeys.hits(withAttr, c, T0).get(0).patternKey).endsWith("|carrier=X\\=Y\\\\Z");
        FulfillmentEvent separator = event("o", "EXCEPTION_RAISED", T0, "O\u001fMS").setErrorCode("A").build();
        assertThat(PatternKeys.hits(separator, c, T0).get(0).key).containsOnlyOnce("\u001fEXCEPTION").doesNotContain("O\u001fMS");
    }

    @Test
    void blank_or_missing_key_attributes_are_left_out() {
        FulfillmentEvent e = FulfillmentEvent.newBuilder(carrierFailure("o", T0, " ")).setAttributes(Map.of("carrier", " ")).build();
        assertThat(PatternKeys.hits(e, allScope().build(), T0).get(0).attrKeys).isEmpty();
    }
}
