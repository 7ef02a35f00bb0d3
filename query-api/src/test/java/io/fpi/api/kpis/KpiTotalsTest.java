package io.fpi.api.kpis;

import io.fpi.runtime.sketch.DurationSketch;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KpiTotalsTest {
    private static KpiTotals totals(long placed, int[] buckets, long[] counts, Map<String, Long> systems) {
        return new KpiTotals(placed, 1, 0, 0, 2, 1, counts.length, 10, buckets, counts, 1, 1, 0, 0, new int[0], new long[0],
                0, new int[0], new long[0], 0, 0, systems.values().stream().mapToLong(Long::longValue).sum(), systems, 0, 0);
    }

    @Test
    void adding_totals_adds_counts_and_merges_histograms_bucket_by_bucket() {
        KpiTotals a = totals(2, new int[] {1, 5, 9}, new long[] {1, 2, 3}, Map.of("WMS", 2L));
        KpiTotals b = totals(3, new int[] {5, 7}, new long[] {10, 20}, Map.of("WMS", 1L, "ERP", 4L));

        KpiTotals sum = a.plus(b);

        assertThat(sum.ordersPlaced()).isEqualTo(5);
        assertThat(sum.cycleBuckets()).containsExactly(1, 5, 7, 9);
        assertThat(sum.cycleCounts()).containsExactly(1, 12, 20, 3);
        assertThat(sum.failuresBySystem()).containsEntry("WMS", 3L).containsEntry("ERP", 4L);
        assertThat(sum.failuresBySystemRanked().keySet()).containsExactly("ERP", "WMS");
        assertThat(sum.fillRate()).isEqualTo(0.5);
    }

    @Test
    void nothing_is_the_neutral_element() {
        KpiTotals a = totals(2, new int[] {3}, new long[] {4}, Map.of());

        assertThat(a.plus(KpiTotals.NONE)).isSameAs(a);
        assertThat(KpiTotals.NONE.plus(a)).isSameAs(a);
        assertThat(KpiTotals.NONE.cycleTime(0.5)).isNull();
        assertThat(KpiTotals.NONE.fillRate()).isNull();
    }

    @Test
    void a_merged_histogram_gives_the_quantile_of_all_its_durations() {
        int b1 = DurationSketch.bucket(1_000);
        int b2 = DurationSketch.bucket(60_000);
        KpiTotals a = totals(0, new int[] {b1}, new long[] {1}, Map.of());
        KpiTotals b = totals(0, new int[] {b2}, new long[] {3}, Map.of());

        assertThat(a.plus(b).cycleTime(0.5)).isEqualTo(DurationSketch.value(b2));
        assertThat(a.plus(b).cycleTime(0.0)).isEqualTo(DurationSketch.value(b1));
    }
}
