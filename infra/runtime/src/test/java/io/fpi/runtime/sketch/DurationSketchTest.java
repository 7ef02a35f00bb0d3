package io.fpi.runtime.sketch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DurationSketchTest {

    @Test
    void bucket_indexes_and_representatives_have_fixed_golden_values_stored_in_kpi_minute() {
        // The query API's copy (io.fpi.api.kpis.DurationSketch) asserts the same numbers.
        assertThat(DurationSketch.bucket(0)).isZero();
        assertThat(DurationSketch.bucket(-5)).isZero();
        assertThat(DurationSketch.bucket(1)).isEqualTo(1);
        assertThat(DurationSketch.bucket(1_000)).isEqualTo(173);
        assertThat(DurationSketch.bucket(60_000)).isEqualTo(276);
        assertThat(DurationSketch.bucket(3_600_000)).isEqualTo(378);
        assertThat(DurationSketch.bucket(86_400_000)).isEqualTo(457);
        assertThat(DurationSketch.value(0)).isZero();
        assertThat(DurationSketch.value(173)).isEqualTo(993L);
        assertThat(DurationSketch.value(378)).isEqualTo(3_619_382L);
    }

    @Test
    void every_duration_from_a_millisecond_to_ten_years_reads_back_within_two_percent() {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            long v = 1 + (long) Math.exp(random.nextDouble() * Math.log(3.2e11));
            long back = DurationSketch.value(DurationSketch.bucket(v));
            assertThat(Math.abs(back - v)).as("%d read back as %d", v, back)
                    .isLessThanOrEqualTo((long) Math.ceil(v * DurationSketch.RELATIVE_ACCURACY + 0.5));
        }
    }

    @Test
    void quantiles_use_the_rank_floor_q_times_n_like_quantile_exact() {
        long[] durations = {300_000, 3_600_000, 7_200_000, 8_400_000, 90_000_000};
        TreeMap<Integer, Long> histogram = new TreeMap<>();
        for (long d : durations) {
            histogram.merge(DurationSketch.bucket(d), 1L, Long::sum);
        }
        int[] buckets = histogram.keySet().stream().mapToInt(Integer::intValue).toArray();
        long[] counts = histogram.values().stream().mapToLong(Long::longValue).toArray();

        assertThat(DurationSketch.quantile(buckets, counts, 0.5)).isCloseTo(7_200_000L, withinTwoPercentOf(7_200_000L));
        assertThat(DurationSketch.quantile(buckets, counts, 0.9)).isCloseTo(90_000_000L, withinTwoPercentOf(90_000_000L));
        assertThat(DurationSketch.quantile(buckets, counts, 0.99)).isCloseTo(90_000_000L, withinTwoPercentOf(90_000_000L));
        assertThat(DurationSketch.quantile(buckets, counts, 0.0)).isCloseTo(300_000L, withinTwoPercentOf(300_000L));
    }

    @Test
    void an_empty_or_fully_retracted_histogram_has_no_quantile() {
        assertThat(DurationSketch.quantile(new int[0], new long[0], 0.5)).isNull();
        assertThat(DurationSketch.quantile(new int[] {3, 9}, new long[] {0, 0}, 0.5)).isNull();
    }

    @Test
    void merging_histograms_in_any_grouping_gives_the_same_quantiles() {
        Random random = new Random(3);
        long[] all = new long[5_000];
        TreeMap<Integer, Long> whole = new TreeMap<>();
        TreeMap<Integer, Long> a = new TreeMap<>();
        TreeMap<Integer, Long> b = new TreeMap<>();
        for (int i = 0; i < all.length; i++) {
            all[i] = (long) (Math.exp(random.nextGaussian() * 1.2 + 15));
            int k = DurationSketch.bucket(all[i]);
            whole.merge(k, 1L, Long::sum);
            (i % 3 == 0 ? a : b).merge(k, 1L, Long::sum);
        }
        TreeMap<Integer, Long> merged = new TreeMap<>(a);
        b.forEach((k, v) -> merged.merge(k, v, Long::sum));
        Arrays.sort(all);

        assertThat(merged).isEqualTo(whole);
        for (double q : new double[] {0.5, 0.9, 0.99}) {
            long exact = all[(int) Math.floor(q * all.length)];
            long approx = DurationSketch.quantile(keys(merged), values(merged), q);
            assertThat((double) Math.abs(approx - exact)).isLessThanOrEqualTo(exact * 0.02 + 1);
        }
    }

    private static org.assertj.core.data.Offset<Long> withinTwoPercentOf(long v) {
        return org.assertj.core.data.Offset.offset((long) (v * 0.02) + 1);
    }

    private static int[] keys(TreeMap<Integer, Long> m) {
        return m.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    private static long[] values(TreeMap<Integer, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).toArray();
    }

    @Test
    void quantiles_skip_empty_buckets() {
        int[] buckets = {0, 173, 378, 457};
        long[] counts = {1, 0, 2, 1};

        assertThat(DurationSketch.quantile(buckets, counts, 0.0)).isZero();
        assertThat(DurationSketch.quantile(buckets, counts, 0.5)).isEqualTo(3_619_382L);
        assertThat(DurationSketch.quantile(buckets, counts, 0.99)).isEqualTo(DurationSketch.value(457));
    }
}
