package io.fpi.detection.stalls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MilestoneRingTest {
    private static final long T0 = Instant.parse("2026-03-02T14:00:00Z").toEpochMilli();
    private static final long M = 60_000;

    @Test
    void keeps_the_latest_milestones_in_event_time_order_whatever_the_arrival_order() {
        long[] ring = null;
        String[] names = {"ORDER_PLACED", "PAYMENT_AUTHORIZED", "ORDER_SOURCED", "INVENTORY_RESERVED",
            "RELEASED_TO_WAREHOUSE", "WAVE_RELEASED", "PICKED"};
        int[] arrival = {3, 0, 6, 1, 5, 2, 4};
        for (int i : arrival) {
            ring = MilestoneRing.insert(ring, names[i], T0 + i * M);
        }
        assertThat(ring).hasSize(MilestoneRing.CAPACITY);
        assertThat(MilestoneRing.describe(ring)).startsWith("[INVENTORY_RESERVED@").endsWith("PICKED@" + (T0 + 6 * M) + "]");
        assertThat(MilestoneRing.stageAt(ring, T0 + 4 * M + 30_000)).isEqualTo("RELEASED_TO_WAREHOUSE");
        assertThat(MilestoneRing.stageAt(ring, T0)).as("older than the ring").isNull();
    }

    @Test
    void a_repeat_of_the_previous_milestone_merges_into_its_first_occurrence() {
        long[] ring = MilestoneRing.insert(null, "DELIVERY_FAILED", T0 + 10 * M);
        ring = MilestoneRing.insert(ring, "DELIVERY_FAILED", T0 + 20 * M);
        ring = MilestoneRing.insert(ring, "DELIVERY_FAILED", T0 + 5 * M);

        assertThat(MilestoneRing.describe(ring)).isEqualTo("[DELIVERY_FAILED@" + (T0 + 5 * M) + "]");
    }

    @Test
    void the_summary_shows_the_trace_up_to_the_instant_and_the_placement_when_it_dropped_out() {
        long[] ring = null;
        String[] names = {"ORDER_PLACED", "PAYMENT_AUTHORIZED", "ORDER_SOURCED", "INVENTORY_RESERVED",
            "RELEASED_TO_WAREHOUSE", "WAVE_RELEASED"};
        for (int i = 0; i < names.length; i++) {
            ring = MilestoneRing.insert(ring, names[i], T0 + i * M);
        }
        assertThat(MilestoneRing.summary(ring, T0, T0 + 3 * M)).isEqualTo(
                "ORDER_PLACED 03-02 14:00 > … > ORDER_SOURCED 03-02 14:02 > INVENTORY_RESERVED 03-02 14:03 (UTC)");
        assertThat(MilestoneRing.summary(MilestoneRing.insert(null, "X_CUSTOM", T0), StallState.NONE, T0))
                .isEqualTo("OTHER 03-02 14:00 (UTC)");
    }
}
