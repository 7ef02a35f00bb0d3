package io.fpi.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fpi.schemas.FulfillmentEvent;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NoiseRatesTest extends SimulatorTestBase {
    private static final double OUT_OF_ORDER = 0.05;
    private static final double DUPLICATES = 0.03;
    private static final double MALFORMED = 0.01;
    private static final long MAX_DISORDER_MS = 20_000;
    private static Run run;
    private static long events;

    @BeforeAll
    static void generate() {
        run = run(unpaced(3, 1400).outOfOrderRate(OUT_OF_ORDER).duplicateRate(DUPLICATES).malformedRate(MALFORMED).build());
        events = run.records().stream().filter(r -> r.kind() == RecordKind.EVENT).count();
    }

    @Test
    void about_twenty_thousand_distinct_events_are_generated() {
        assertThat(events).isBetween(18_000L, 25_000L);
    }

    @Test
    void duplicates_and_malformed_records_per_event_are_near_the_configured_rates() {
        long dups = run.records().stream().filter(r -> r.kind() == RecordKind.DUPLICATE).count();
        long bad = run.records().stream().filter(r -> r.kind() == RecordKind.MALFORMED).count();
        assertThat((double) dups / events).isCloseTo(DUPLICATES, within(DUPLICATES * 0.2));
        assertThat((double) bad / events).isCloseTo(MALFORMED, within(MALFORMED * 0.25));
    }

    @Test
    void the_share_of_late_sent_events_is_near_the_configured_rate_and_most_are_really_out_of_order() {
        long delayed = 0;
        long overtaken = 0;
        long maxSeen = Long.MIN_VALUE;
        for (SimRecord r : run.records()) {
            if (r.kind() != RecordKind.EVENT) {
                continue;
            }
            long t = r.event().getEventTime();
            if (r.emitAtSimMs() > t) {
                delayed++;
            }
            if (t < maxSeen) {
                overtaken++;
            }
            maxSeen = Math.max(maxSeen, t);
        }
        assertThat((double) delayed / events).isCloseTo(OUT_OF_ORDER, within(OUT_OF_ORDER * 0.15));
        assertThat(run.truth().summary().outOfOrder()).isEqualTo(delayed);
        // an event sent late is overtaken by a later one unless nothing else happened meanwhile
        assertThat((double) overtaken / events).isBetween(OUT_OF_ORDER * 0.6, OUT_OF_ORDER * 1.05);
    }

    @Test
    void no_record_is_later_than_max_disorder_behind_the_newest_event_time_already_sent() {
        long maxSeen = Long.MIN_VALUE;
        for (SimRecord r : run.records()) {
            if (r.kind() == RecordKind.MALFORMED) {
                continue;
            }
            long t = r.event().getEventTime();
            if (maxSeen != Long.MIN_VALUE) {
                assertThat(maxSeen - t).isLessThanOrEqualTo(MAX_DISORDER_MS);
            }
            assertThat(r.emitAtSimMs() - t).isBetween(0L, MAX_DISORDER_MS);
            maxSeen = Math.max(maxSeen, t);
        }
    }

    @Test
    void a_duplicate_repeats_the_bytes_of_an_event_sent_before_it() {
        Map<String, byte[]> sent = new HashMap<>();
        int duplicates = 0;
        for (SimRecord r : run.records()) {
            if (r.kind() == RecordKind.EVENT) {
                sent.put(r.event().getEventId(), r.value());
            } else if (r.kind() == RecordKind.DUPLICATE) {
                assertThat(sent).containsKey(r.event().getEventId());
                assertThat(r.value()).isEqualTo(sent.get(r.event().getEventId()));
                duplicates++;
            }
        }
        assertThat(duplicates).isPositive();
    }

    @Test
    void zero_rates_give_a_clean_stream_in_event_time_order() {
        Run clean = run(unpaced(3, 300).outOfOrderRate(0).duplicateRate(0).malformedRate(0).build());
        long last = Long.MIN_VALUE;
        for (SimRecord r : clean.records()) {
            assertThat(r.kind()).isEqualTo(RecordKind.EVENT);
            FulfillmentEvent e = r.event();
            assertThat(e.getEventTime()).isGreaterThanOrEqualTo(last).isEqualTo(r.emitAtSimMs());
            last = e.getEventTime();
        }
    }
}
