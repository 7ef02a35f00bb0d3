package io.fpi.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fpi.schemas.EventCodec;
import io.fpi.schemas.FulfillmentEvent;
import io.fpi.simulator.truth.MalformedTruth;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StreamValidityTest extends SimulatorTestBase {
    private static Run run;

    @BeforeAll
    static void generate() {
        run = run(unpaced(11, 1400).malformedRate(0.02).duplicateRate(0.02).outOfOrderRate(0.05).build());
    }

    @Test
    void every_event_and_duplicate_record_decodes_to_the_event_it_carries() throws Exception {
        EventCodec codec = new EventCodec();
        for (SimRecord r : run.records()) {
            if (r.kind() != RecordKind.MALFORMED) {
                FulfillmentEvent decoded = codec.decode(r.value(), null);
                assertThat(decoded).isEqualTo(r.event());
                assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("demo/" + decoded.getOrderId());
                assertThat(decoded.getDataset()).isEqualTo("demo");
                assertThat(decoded.getIngestTime()).isGreaterThanOrEqualTo(decoded.getEventTime());
            }
        }
    }

    @Test
    void malformed_records_fail_to_decode_or_break_the_rule_their_reason_names() {
        EventCodec codec = new EventCodec();
        Map<MalformedReason, Integer> seen = new EnumMap<>(MalformedReason.class);
        for (SimRecord r : run.records()) {
            if (r.kind() != RecordKind.MALFORMED) {
                continue;
            }
            assertThat(r.event()).isNull();
            seen.merge(r.malformedReason(), 1, Integer::sum);
            switch (r.malformedReason()) {
                case GARBAGE, BAD_MAGIC, TRUNCATED -> assertThat(catchThrowable(() -> codec.decode(r.value(), null)))
                        .as("%s must not decode", r.malformedReason()).isNotNull();
                case EMPTY_ORDER_ID -> {
                    FulfillmentEvent e = decode(r.value());
                    assertThat(e.getOrderId()).isEmpty();
                    assertThat(e.getEventTime()).isPositive();
                }
                case NON_POSITIVE_EVENT_TIME -> {
                    FulfillmentEvent e = decode(r.value());
                    assertThat(e.getEventTime()).isLessThanOrEqualTo(0);
                    assertThat(e.getOrderId()).isNotEmpty();
                }
            }
        }
        assertThat(seen.keySet()).containsExactlyInAnyOrder(MalformedReason.values());
    }

    @Test
    void bad_magic_is_reported_as_a_bad_header() {
        SimRecord badMagic = run.records().stream()
                .filter(r -> r.malformedReason() == MalformedReason.BAD_MAGIC).findFirst().orElseThrow();
        assertThatThrownBy(() -> new EventCodec().decode(badMagic.value(), null))
                .isInstanceOf(org.apache.avro.message.BadHeaderException.class);
    }

    @Test
    void the_ground_truth_lists_each_malformed_record_with_its_position_and_reason() {
        List<MalformedTruth> listed = run.truth().malformed();
        long malformed = run.records().stream().filter(r -> r.kind() == RecordKind.MALFORMED).count();
        assertThat(listed).hasSize((int) malformed);
        for (MalformedTruth m : listed) {
            SimRecord r = run.records().get((int) m.recordIndex());
            assertThat(r.kind()).isEqualTo(RecordKind.MALFORMED);
            assertThat(r.malformedReason().name()).isEqualTo(m.reason());
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(m.key());
            assertThat(r.emitAtSimMs()).isEqualTo(m.emitAtMs());
        }
        assertThat(run.truth().summary().malformedByReason().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(malformed);
    }

    @Test
    void records_come_in_non_decreasing_emission_order() {
        long last = Long.MIN_VALUE;
        for (SimRecord r : run.records()) {
            assertThat(r.emitAtSimMs()).isGreaterThanOrEqualTo(last);
            last = r.emitAtSimMs();
        }
    }
}
